//! The groups of services that call each other synchronously: the strongly
//! connected components of the `sync` call graph (Tarjan's algorithm).
//!
//! Written out rather than taken from `petgraph`: its Tarjan recurses once
//! per service on a call chain, so a chain as long as a valid map may hold
//! overflows the main thread's stack on platforms that give it little; and
//! its Kosaraju walks the graph twice and allocates once per component. This
//! search keeps its own stack and reads the callees the index already laid
//! out.

use super::adjacency::Adjacency;
use super::ix::{ServiceIx, SyncGroupIx, Table};

/// The sync groups of the call graph `callees`, in reverse topological
/// order: a group comes before every group that calls into it. Returns the
/// groups and each service's group.
pub(super) fn sync_groups(
    callees: &Adjacency<ServiceIx, ServiceIx>,
) -> (
    Adjacency<SyncGroupIx, ServiceIx>,
    Table<ServiceIx, SyncGroupIx>,
) {
    const NONE: u32 = u32::MAX;
    let n = callees.len();
    let items = callees.items();
    // Discovery order of each service, and the lowest discovery order it
    // reaches through services whose group is still open.
    let mut order = vec![NONE; n];
    let mut low = vec![NONE; n];
    let mut group_of = vec![NONE; n];
    let mut groups = Adjacency::new();
    // Services visited whose group is not yet closed: exactly those with an
    // order and no group.
    let mut open: Vec<ServiceIx> = Vec::new();
    // The search path: each service with where the next of its callees to
    // try, and the end of its callees, lie in `items`.
    let mut path: Vec<(ServiceIx, u32, u32)> = Vec::new();
    let mut next_order: u32 = 0;
    // Enters service `s`. One that calls nobody is a group of its own at
    // once: most services are, and they skip the path.
    macro_rules! enter {
        ($s:expr) => {{
            let s: ServiceIx = $s;
            let si = s.index();
            order[si] = next_order;
            next_order += 1;
            let (start, end) = callees.span(s);
            if start == end {
                group_of[si] = super::ix::narrow(groups.len());
                groups.push_row([s]);
            } else {
                low[si] = order[si];
                open.push(s);
                path.push((s, start, end));
            }
        }};
    }
    for root in 0..n {
        if order[root] != NONE {
            continue;
        }
        enter!(ServiceIx::new(root));
        while let Some(&mut (s, ref mut next, end)) = path.last_mut() {
            let si = s.index();
            if *next < end {
                let callee = items[*next as usize];
                *next += 1;
                let c = callee.index();
                if order[c] == NONE {
                    enter!(callee);
                } else if group_of[c] == NONE {
                    low[si] = low[si].min(order[c]);
                }
                continue;
            }
            path.pop();
            if let Some(&(caller, _, _)) = path.last() {
                let caller = caller.index();
                low[caller] = low[caller].min(low[si]);
            }
            if low[si] == order[si] {
                // `s` is the first of its group that the search entered: the
                // group is `s` and everything opened after it. `s` is open
                // (it was entered and its group not closed).
                let start = open.iter().rposition(|&o| o == s).unwrap_or(0);
                let group = super::ix::narrow(groups.len());
                for &member in &open[start..] {
                    group_of[member.index()] = group;
                }
                groups.push_row(open.drain(start..));
            }
        }
    }
    // Every service was entered, and every entered service closed in a group.
    let group_of = group_of
        .into_iter()
        .map(|g| SyncGroupIx::new(g as usize))
        .collect();
    (groups, group_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The call graph of `n` services with the given calls.
    fn call_graph(n: usize, calls: &[(usize, usize)]) -> Adjacency<ServiceIx, ServiceIx> {
        let calls: Vec<(ServiceIx, ServiceIx)> = calls
            .iter()
            .map(|&(a, b)| (ServiceIx::new(a), ServiceIx::new(b)))
            .collect();
        Adjacency::from_pairs(n, &calls)
    }

    /// The groups of `calls` among `n` services, found on a thread with
    /// 256 KiB of stack.
    fn groups_on_a_small_stack(
        n: usize,
        calls: &[(usize, usize)],
    ) -> (
        Adjacency<SyncGroupIx, ServiceIx>,
        Table<ServiceIx, SyncGroupIx>,
    ) {
        let graph = call_graph(n, calls);
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || sync_groups(&graph))
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn a_call_chain_as_long_as_a_map_may_hold_needs_no_deep_stack() {
        // The most services a map may hold, each calling the next, then the
        // last calling the first: one group. A recursive search needs
        // megabytes of stack for this.
        let n = crate::model::limits::MAX_SERVICES;
        let mut calls: Vec<(usize, usize)> = (1..n).map(|s| (s - 1, s)).collect();
        let (groups, group_of) = groups_on_a_small_stack(n, &calls);
        assert_eq!(groups.len(), n);
        // Callees come first: the last service of the chain is group 0.
        assert_eq!(group_of[ServiceIx::new(n - 1)], SyncGroupIx::new(0));
        assert_eq!(group_of[ServiceIx::new(0)], SyncGroupIx::new(n - 1));

        calls.push((n - 1, 0));
        let (groups, _) = groups_on_a_small_stack(n, &calls);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[SyncGroupIx::new(0)].len(), n);
    }

    proptest::proptest! {
        #[test]
        fn groups_are_petgraphs_components_in_an_order_where_callees_come_first(
            n in 1usize..24,
            calls in proptest::collection::vec((0usize..24, 0usize..24), 0..60),
        ) {
            let calls: Vec<(usize, usize)> =
                calls.into_iter().map(|(a, b)| (a % n, b % n)).collect();
            let (groups, group_of) = sync_groups(&call_graph(n, &calls));

            // Every service is in exactly the group it is listed in.
            let mut listed = vec![0; n];
            for (g, members) in groups.iter_enumerated() {
                for &m in members {
                    listed[m.index()] += 1;
                    proptest::prop_assert_eq!(group_of[m], g);
                }
            }
            proptest::prop_assert!(listed.iter().all(|&times| times == 1));

            // The same partition as petgraph's.
            let mut graph = petgraph::graphmap::DiGraphMap::<usize, ()>::new();
            for s in 0..n {
                graph.add_node(s);
            }
            for &(a, b) in &calls {
                graph.add_edge(a, b, ());
            }
            let mut ours: Vec<Vec<usize>> = groups
                .iter()
                .map(|members| {
                    let mut m: Vec<usize> = members.iter().map(|s| s.index()).collect();
                    m.sort_unstable();
                    m
                })
                .collect();
            let mut theirs: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&graph)
                .into_iter()
                .map(|mut m| {
                    m.sort_unstable();
                    m
                })
                .collect();
            ours.sort();
            theirs.sort();
            proptest::prop_assert_eq!(ours, theirs);

            // A call between groups goes to an earlier one.
            for &(a, b) in &calls {
                proptest::prop_assert!(
                    group_of[ServiceIx::new(b)] <= group_of[ServiceIx::new(a)]
                );
            }
        }
    }
}
