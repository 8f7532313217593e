//! The graph of an operation's object tables (which table's fields name which),
//! walked in linear time and without recursion, so that a spec of thousands of
//! tables, or tables that refer to themselves, costs what its size does.

/// Tables as numbers, each with the tables its fields name.
pub(crate) struct TableGraph {
    edges: Vec<Vec<usize>>,
}

impl TableGraph {
    pub(crate) fn new(edges: Vec<Vec<usize>>) -> TableGraph {
        TableGraph { edges }
    }

    /// The strongly connected component of each table (Tarjan's algorithm, with
    /// an explicit stack): two tables share one when each reaches the other.
    pub(crate) fn components(&self) -> Vec<usize> {
        let n = self.edges.len();
        let mut index = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut component = vec![usize::MAX; n];
        let (mut stack, mut next, mut count) = (Vec::new(), 0, 0);
        for root in 0..n {
            if index[root] != usize::MAX {
                continue;
            }
            // (node, position in its edge list)
            let mut calls = vec![(root, 0)];
            index[root] = next;
            low[root] = next;
            next += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut at)) = calls.last_mut() {
                if let Some(&to) = self.edges[node].get(*at) {
                    *at += 1;
                    if index[to] == usize::MAX {
                        index[to] = next;
                        low[to] = next;
                        next += 1;
                        stack.push(to);
                        on_stack[to] = true;
                        calls.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(index[to]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = count;
                        if member == node {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
        component
    }

    /// For each table, the deepest chain of tables nested below it, itself
    /// counted (a table of scalars is 1). A cycle counts as many levels as it
    /// has tables: a walk that never enters a table twice on one path (what
    /// comparing and hashing tables do) can go through each of them, so a
    /// ring of 30,000 tables is as deep as a chain of 30,000.
    pub(crate) fn depths(&self) -> Vec<usize> {
        let component = self.components();
        let count = component.iter().map(|c| c + 1).max().unwrap_or(0);
        // Tarjan numbers components so that every edge between two components
        // goes to a lower number: settle them in increasing order.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (node, c) in component.iter().enumerate() {
            members[*c].push(node);
        }
        let mut depth_of = vec![1; count];
        for c in 0..count {
            let below = members[c]
                .iter()
                .flat_map(|node| &self.edges[*node])
                .map(|to| component[*to])
                .filter(|to| *to != c)
                .map(|to| depth_of[to])
                .max()
                .unwrap_or(0);
            depth_of[c] = below + members[c].len();
        }
        component.iter().map(|c| depth_of[*c]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_join_what_reaches_itself() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 alone
        let graph = TableGraph::new(vec![vec![1], vec![2], vec![1], vec![3], vec![]]);
        let c = graph.components();
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[1]);
        assert_ne!(c[3], c[4]);
        assert_eq!(
            graph.depths(),
            [3, 2, 2, 1, 1],
            "the cycle 1-2 is two levels, 3 -> 3 one"
        );
    }

    #[test]
    fn a_chain_of_a_hundred_thousand_tables_is_walked_without_recursion() {
        let n = 100_000;
        let edges = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let graph = TableGraph::new(edges);
        assert_eq!(graph.depths()[0], n);
        let mut ring: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        ring[0].push(0);
        let ring = TableGraph::new(ring);
        let components = ring.components();
        assert!(components.iter().all(|c| *c == components[0]));
        assert!(
            ring.depths().iter().all(|d| *d == n),
            "a ring is as deep as its tables"
        );
    }
}
