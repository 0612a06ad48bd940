/** Random reads over 512 MB until killed: evicts the shared L3 as a neighbour would. */
public class Thrash {
    public static void main(String[] a) {
        long[] m = new long[64 << 20];
        long x = 1, s = 0;
        while (true) {
            for (int i = 0; i < 1 << 24; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                s += m[(int) ((x >>> 33) % m.length)]++;
            }
            if (s == 42) System.out.println(s);
        }
    }
}
