package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnionFindTest {

    @Test
    void matchesBreadthFirstSearchOnRandomGraphs() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + random.nextInt(300);
            int edges = random.nextInt(2 * n); // below and above the giant-component threshold
            List<List<Integer>> adjacency = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                adjacency.add(new ArrayList<>());
            }
            UnionFind uf = new UnionFind(n);
            int joins = 0;
            for (int e = 0; e < edges; e++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                adjacency.get(a).add(b);
                adjacency.get(b).add(a);
                joins += uf.union(a, b) ? 1 : 0;
            }
            int[] component = components(adjacency);
            int components = Arrays.stream(component).max().orElse(-1) + 1;
            int[] componentSize = new int[components];
            for (int c : component) {
                componentSize[c]++;
            }
            assertEquals(n - components, joins, "union is true once per merge");
            assertEquals(components, uf.sets());
            assertEquals(n, uf.count());
            for (int i = 0; i < n; i++) {
                assertEquals(componentSize[component[i]], uf.sizeOf(i));
                int j = random.nextInt(n);
                assertEquals(component[i] == component[j], uf.find(i) == uf.find(j), i + " and " + j);
            }
        }
    }

    @Test
    void unionOfJoinedNodesIsFalse() {
        UnionFind uf = new UnionFind(4);
        assertTrue(uf.union(0, 1));
        assertTrue(uf.union(2, 1));
        assertFalse(uf.union(0, 2));
        assertFalse(uf.union(3, 3));
        assertEquals(3, uf.sizeOf(0));
        assertEquals(1, uf.sizeOf(3));
        assertEquals(2, uf.sets());
    }

    private static int[] components(List<List<Integer>> adjacency) {
        int[] component = new int[adjacency.size()];
        Arrays.fill(component, -1);
        int next = 0;
        for (int start = 0; start < adjacency.size(); start++) {
            if (component[start] >= 0) {
                continue;
            }
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            component[start] = next;
            while (!queue.isEmpty()) {
                for (int m : adjacency.get(queue.poll())) {
                    if (component[m] < 0) {
                        component[m] = next;
                        queue.add(m);
                    }
                }
            }
            next++;
        }
        return component;
    }
}
