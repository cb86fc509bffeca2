package io.github.o365watch.domain.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Budgeted summarisation: the fewest extra addresses with which a set fits into at most
 * {@code n} prefixes. Exact, by dynamic programming over the binary trie of the set's minimal
 * prefixes: at every branching point either cover the whole branch with its one enclosing
 * prefix, or split the budget between the two halves. Costs grow with (prefixes x budget).
 */
final class Summarizer {
    private Summarizer() {}

    /** A node of the compressed trie: a prefix and, unless it is one of the set's, two children. */
    private static final class Node {
        final IpPrefix prefix;
        final BigInteger covered;   // addresses of the set under this node
        final Node left;
        final Node right;
        final int leaves;
        // cost[k]: fewest extra addresses using at most k prefixes (k >= 1); monotone because a
        // child's budget beyond its leaf count is never needed
        BigInteger[] cost;
        int[] split;                // for k: prefixes given to the left child, or -1 for "cover the node"

        Node(IpPrefix leaf) {
            this.prefix = leaf;
            this.covered = leaf.size();
            this.left = null;
            this.right = null;
            this.leaves = 1;
        }

        Node(IpPrefix prefix, Node left, Node right) {
            this.prefix = prefix;
            this.covered = left.covered.add(right.covered);
            this.left = left;
            this.right = right;
            this.leaves = left.leaves + right.leaves;
        }
    }

    /** The solved trie of one family: the best summary for every budget up to the one solved for. */
    static final class Solved {
        private final List<IpPrefix> sorted;
        private final Node root;

        private Solved(List<IpPrefix> sorted, Node root) {
            this.sorted = sorted;
            this.root = root;
        }

        /** Fewest extra addresses with at most {@code k} prefixes (1 &lt;= k). */
        BigInteger cost(int k) {
            return root == null || k >= sorted.size() ? BigInteger.ZERO : root.cost[Math.min(k, root.cost.length - 1)];
        }

        Summary summary(int k) {
            if (root == null || k >= sorted.size()) {
                return new Summary(sorted, BigInteger.ZERO);
            }
            List<IpPrefix> out = new ArrayList<>();
            collect(root, k, out);
            return new Summary(out, cost(k));
        }
    }

    /** @param sorted minimal, disjoint prefixes of one family, sorted; solved for budgets up to {@code n} */
    static Solved solve(List<IpPrefix> sorted, int n) {
        if (sorted.isEmpty()) {
            return new Solved(sorted, null);
        }
        Node root = build(sorted, 0, sorted.size());
        solve(root, Math.max(1, n));
        return new Solved(sorted, root);
    }

    private static Node build(List<IpPrefix> list, int from, int to) {
        if (to - from == 1) {
            return new Node(list.get(from));
        }
        // the smallest prefix enclosing the range; split where its next bit changes
        IpPrefix enclosing = Blocks.enclosing(list.get(from), list.get(to - 1));
        int lo = from + 1;
        int hi = to - 1;
        int firstRight = to;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Blocks.bitAfter(enclosing, list.get(mid))) {
                firstRight = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return new Node(enclosing, build(list, from, firstRight), build(list, firstRight, to));
    }

    private static void solve(Node node, int budget) {
        int max = Math.min(budget, node.leaves);
        node.cost = new BigInteger[max + 1];
        node.split = new int[max + 1];
        if (node.left == null) {
            Arrays.fill(node.cost, 1, max + 1, BigInteger.ZERO);
            Arrays.fill(node.split, -1);
            return;
        }
        solve(node.left, budget);
        solve(node.right, budget);
        BigInteger whole = node.prefix.size().subtract(node.covered);
        node.cost[1] = whole;
        node.split[1] = -1;
        for (int k = 2; k <= max; k++) {
            BigInteger best = whole;
            int choice = -1;
            int lmax = node.left.cost.length - 1;
            int rmax = node.right.cost.length - 1;
            for (int a = Math.max(1, k - rmax); a <= Math.min(lmax, k - 1); a++) {
                BigInteger c = node.left.cost[a].add(node.right.cost[k - a]);
                if (c.compareTo(best) < 0) {
                    best = c;
                    choice = a;
                }
            }
            node.cost[k] = best;
            node.split[k] = choice;
        }
    }

    private static void collect(Node node, int k, List<IpPrefix> out) {
        int budget = Math.min(k, node.cost.length - 1);
        int s = node.split[budget];
        if (node.left == null || s == -1) {
            out.add(node.prefix);
            return;
        }
        collect(node.left, s, out);
        collect(node.right, budget - s, out);
    }
}
