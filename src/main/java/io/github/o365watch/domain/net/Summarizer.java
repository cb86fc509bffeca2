package io.github.o365watch.domain.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded summarisation: the fewest extra addresses with which a set fits into at most {@code k}
 * prefixes, none shorter than a minimum length. Exact, by dynamic programming over the binary
 * trie of the set's minimal prefixes: at every branching point either cover the whole branch with
 * its one enclosing prefix (allowed only when that prefix is not too broad), or split the budget
 * between the two halves. An optimal cover always uses such enclosing prefixes: any prefix holding
 * some of the set's prefixes contains the smallest one enclosing them. Costs grow with
 * (prefixes x budget).
 */
final class Summarizer {
    private Summarizer() {}

    /** A node of the compressed trie: a prefix and, unless it is one of the set's, two children. */
    private static final class Node {
        final IpPrefix prefix;
        final BigInteger covered; // addresses of the set under this node
        final Node left;
        final Node right;
        final int leaves;
        // cost[k]: fewest extra addresses using at most k prefixes (k >= 1), null where no cover
        // within the length bound has k prefixes; never increasing with k
        BigInteger[] cost;
        int[] split; // for k: prefixes given to the left child, or -1 for "cover the node"

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
        private final int minLength;
        private final int solvedFor;

        private Solved(List<IpPrefix> sorted, Node root, int minLength, int solvedFor) {
            this.sorted = sorted;
            this.root = root;
            this.minLength = minLength;
            this.solvedFor = solvedFor;
        }

        /** How many budgets this solution answers: 1 to this. */
        int solvedFor() {
            return solvedFor;
        }

        /** Fewest extra addresses with at most {@code k} prefixes (1 &lt;= k &lt;= solvedFor), or null when none fit. */
        BigInteger cost(int k) {
            if (root == null || k >= sorted.size()) {
                return BigInteger.ZERO;
            }
            if (k > solvedFor) {
                throw new IllegalArgumentException("solved for budgets up to " + solvedFor + ", not " + k);
            }
            return root.cost[Math.min(k, root.cost.length - 1)];
        }

        /** The prefixes of the best summary with at most {@code k} prefixes; {@link #cost(int)} must not be null. */
        List<IpPrefix> prefixes(int k) {
            if (root == null || k >= sorted.size()) {
                return sorted;
            }
            if (cost(k) == null) {
                throw new IllegalArgumentException("no summary in " + k + " prefixes");
            }
            List<IpPrefix> out = new ArrayList<>();
            collect(root, k, out);
            return out;
        }

        /** The fewest prefixes that cover the set with none shorter than the minimum length (at any cost). */
        int fewestPossible() {
            return root == null ? 0 : fewest(root, minLength);
        }
    }

    /**
     * @param sorted    minimal, disjoint prefixes of one family, sorted, none shorter than {@code minLength}
     * @param minLength no enclosing prefix shorter than this is used
     * @param n         solved for budgets up to this
     */
    static Solved solve(List<IpPrefix> sorted, int minLength, int n) {
        int cap = Math.max(1, Math.min(n, sorted.size()));
        if (sorted.isEmpty()) {
            return new Solved(sorted, null, minLength, cap);
        }
        Node root = build(sorted, 0, sorted.size());
        solve(root, cap, minLength);
        return new Solved(sorted, root, minLength, cap);
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

    private static void solve(Node node, int budget, int minLength) {
        int max = Math.min(budget, node.leaves);
        node.cost = new BigInteger[max + 1];
        node.split = new int[max + 1];
        if (node.left == null) {
            for (int k = 1; k <= max; k++) {
                node.cost[k] = BigInteger.ZERO;
                node.split[k] = -1;
            }
            return;
        }
        solve(node.left, budget, minLength);
        solve(node.right, budget, minLength);
        // the whole branch as one prefix, unless that prefix is broader than allowed
        BigInteger whole =
                node.prefix.length() >= minLength ? node.prefix.size().subtract(node.covered) : null;
        node.cost[1] = whole;
        node.split[1] = -1;
        int lmax = node.left.cost.length - 1;
        int rmax = node.right.cost.length - 1;
        for (int k = 2; k <= max; k++) {
            BigInteger best = whole;
            int choice = -1;
            for (int a = Math.max(1, k - rmax); a <= Math.min(lmax, k - 1); a++) {
                BigInteger l = node.left.cost[a];
                BigInteger r = node.right.cost[k - a];
                if (l == null || r == null) {
                    continue;
                }
                BigInteger c = l.add(r);
                if (best == null || c.compareTo(best) < 0) {
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

    private static int fewest(Node node, int minLength) {
        if (node.left == null || node.prefix.length() >= minLength) {
            return 1;
        }
        return fewest(node.left, minLength) + fewest(node.right, minLength);
    }
}
