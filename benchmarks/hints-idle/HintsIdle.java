import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.handoff.Hint;
import io.dynoj.core.handoff.HintDelivery;
import io.dynoj.core.handoff.HintSettings;
import io.dynoj.core.handoff.HintedHandoff;
import java.nio.file.*;
import java.util.function.Consumer;

/** Idle cost of N HintedHandoff instances (one per node): context switches and CPU of their dynoj-hints threads. */
public class HintsIdle {
    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        HintDelivery delivery = new HintDelivery() {
            public boolean known(String n) { return true; }
            public boolean reachable(String n) { return true; }
            public void replay(String n, Hint h, Consumer<Boolean> done) { done.accept(true); }
            public void repair(String n, Hint h, Consumer<Boolean> done) { done.accept(true); }
        };
        HintedHandoff[] h = new HintedHandoff[nodes];
        for (int i = 0; i < nodes; i++) {
            h[i] = new HintedHandoff(new HintSettings(true, Files.createTempDirectory("hints"), 3_600_000, 1 << 20, 1000),
                    delivery, new MetricRegistry());
        }
        Thread.sleep(2000);
        long[] a = sample();
        Thread.sleep(seconds * 1000L);
        long[] b = sample();
        System.out.printf("%d instances, %d s idle: %d dynoj-hints threads, %.1f context switches/s, %.3f%% of a core%n",
                nodes, seconds, b[2], (b[0] - a[0]) / (double) seconds, (b[1] - a[1]) / 1e7 / seconds);
        System.exit(0);
    }

    /** Sum over dynoj-hints threads: voluntary+involuntary switches, CPU ns (utime+stime ticks * 10 ms), count. */
    static long[] sample() throws Exception {
        long switches = 0, cpu = 0, n = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                if (!Files.readString(t.resolve("comm")).trim().equals("dynoj-hints")) continue;
                n++;
                for (String line : Files.readAllLines(t.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                        switches += Long.parseLong(line.split("\\s+")[1]);
                    }
                }
                String[] stat = Files.readString(t.resolve("stat")).split("\\) ")[1].split(" ");
                cpu += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 10_000_000L;
            }
        }
        return new long[] {switches, cpu, n};
    }
}
