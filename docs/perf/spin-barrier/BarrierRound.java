// Round trip of two threads meeting at a barrier after W units of work: java.util.concurrent.CyclicBarrier
// against SpinBarrier (copied beside this file without its package line). javac -d . SpinBarrier.java BarrierRound.java && java -cp . BarrierRound 5000 2000
import java.util.concurrent.*;
public class BarrierRound {
  static volatile double sink;
  static void work(int n){ double x=0; for(int i=0;i<n;i++) x+=Math.sqrt(i); sink=x; }
  interface Aw { void await() throws Exception; }
  public static void main(String[] a) throws Exception {
    int rounds=Integer.parseInt(a[0]); int w=Integer.parseInt(a[1]);
    for (int rep=0; rep<3; rep++) for (String kind : new String[]{"cyclic","spin"}) {
      Aw b; if (kind.equals("cyclic")) { CyclicBarrier c=new CyclicBarrier(2); b=c::await; } else { SpinBarrier s=new SpinBarrier(2); b=s::await; }
      Thread t=new Thread(()->{try{for(int r=0;r<rounds;r++){work(w);b.await();}}catch(Exception e){}});
      long t0=System.nanoTime(); t.start();
      for(int r=0;r<rounds;r++){work(w);b.await();}
      t.join(); long el=System.nanoTime()-t0;
      long s0=System.nanoTime(); for(int r=0;r<rounds;r++){work(w);} long solo=System.nanoTime()-s0;
      System.out.printf("%-6s work %d: %.1f us/round, overhead %.1f us/round%n", kind, w, el/1e3/rounds, (el-solo)/1e3/rounds);
    }
  }
}
