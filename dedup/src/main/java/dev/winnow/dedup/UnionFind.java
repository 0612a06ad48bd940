package dev.winnow.dedup;

/**
 * Disjoint sets over nodes {@code 0..n-1} with union by size and path halving: near-constant
 * time per operation. The single-machine connected components of a small duplicate graph.
 */
public final class UnionFind {
    private final int[] parent;
    private final int[] size;
    private int sets;

    public UnionFind(int n) {
        sets = n;
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the sets of a and b; true when they were apart. */
    public boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (size[ra] < size[rb] || (size[ra] == size[rb] && rb < ra)) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        sets--;
        return true;
    }

    public int sizeOf(int x) {
        return size[find(x)];
    }

    /** The number of nodes, n (not of sets: see {@link #sets}). */
    public int count() {
        return parent.length;
    }

    /** The number of disjoint sets (connected components so far). */
    public int sets() {
        return sets;
    }
}
