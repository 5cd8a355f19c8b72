import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a flight recording of the record read (bench/read-profile.sh) as shares: of the CPU
 * samples (jdk.ExecutionSample) and of the sampled allocation weight (jdk.ObjectAllocationSample)
 * on the threads that serve requests, how much is Strongroom's own code and what it calls, and
 * how much the framework, Tomcat and TLS. Usage: java ReadProfile.java RECORDING.jfr [TOP [METHODS ...]]
 * where each METHODS is one or more fully qualified method names joined by commas
 * ({@code org.strongroom.records.RecordIds.isWellFormed,org.strongroom.records.Access.parse}): the
 * share of the request threads' samples whose stack holds any of them is printed, one line each.
 *
 * A sample belongs to Strongroom when, walking its stack from the running frame towards the
 * thread's start, an org.strongroom frame comes before any hand-over (the filter chains that a
 * filter of ours calls to let the request go on, the container's output stream our code writes
 * the body to): the work our code does or asks for, not the rest of the request that merely runs
 * inside one of our filters.
 * It is then counted against that frame (the Strongroom method responsible) and against the
 * package group of the running frame (what the time was spent in).
 */
public class ReadProfile {

  /**
   * Frames through which our code hands the request on: to the next filter, or the response's
   * bytes to the container, which sends them (headers, TLS, socket) once the announced length is
   * written. What runs above them is work every server does, not ours.
   */
  private static final Set<String> HAND_OVERS = Set.of(
      "org.apache.catalina.connector.CoyoteOutputStream.write",
      "org.apache.catalina.connector.CoyoteOutputStream.flush",
      "org.apache.catalina.connector.CoyoteOutputStream.close",
      "org.apache.catalina.core.ApplicationFilterChain.doFilter",
      "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter",
      "org.springframework.security.web.FilterChainProxy$VirtualFilterChain.doFilter",
      "org.springframework.web.filter.CompositeFilter$VirtualFilterChain.doFilter");

  private static final List<String[]> GROUPS = List.of(
      new String[] {"org.strongroom.", "Strongroom"},
      new String[] {"sun.security.ssl.", "TLS"},
      new String[] {"sun.security.", "crypto"},
      new String[] {"com.sun.crypto.", "crypto"},
      new String[] {"javax.crypto.", "crypto"},
      new String[] {"sun.nio.", "socket I/O"},
      new String[] {"org.apache.tomcat.util.net.", "Tomcat (network)"},
      new String[] {"org.apache.", "Tomcat"},
      new String[] {"org.springframework.security.", "Spring Security"},
      new String[] {"org.springframework.web.", "Spring MVC"},
      new String[] {"org.springframework.http.", "Spring MVC"},
      new String[] {"org.springframework.", "Spring (other)"},
      new String[] {"tools.jackson.", "Jackson"},
      new String[] {"com.fasterxml.jackson.", "Jackson"},
      new String[] {"org.h2.", "H2"},
      new String[] {"com.zaxxer.", "HikariCP"},
      new String[] {"io.micrometer.", "Micrometer"},
      new String[] {"ch.qos.logback.", "logging"},
      new String[] {"org.slf4j.", "logging"},
      new String[] {"java.", "JDK"},
      new String[] {"jdk.", "JDK"},
      new String[] {"sun.", "JDK"});

  /**
   * Tomcat building a request's servlet filter chain and passing it from filter to filter: what
   * each servlet filter costs before it does anything (web/PerimeterFilters).
   */
  private static final Set<String> SERVLET_CHAIN = Set.of(
      "org.apache.catalina.core.ApplicationFilterFactory.createFilterChain",
      "org.apache.catalina.core.ApplicationFilterChain.release");

  record Attribution(boolean request, String ours, String ran, String top, boolean servletChain) {}

  public static void main(String[] args) throws Exception {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    List<List<String>> asked = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      asked.add(List.of(args[i].split(",")));
    }
    long[] holding = new long[asked.size()];
    Tally cpu = new Tally();
    Tally allocation = new Tally();
    Map<String, Double> allocatedClasses = new HashMap<>();
    Map<String, Double> ourAllocatedClasses = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
          Attribution attribution = attribute(event.getStackTrace());
          cpu.add(attribution, 1);
          if (attribution.request()) {
            for (int i = 0; i < asked.size(); i++) {
              holding[i] += holds(event.getStackTrace(), asked.get(i)) ? 1 : 0;
            }
          }
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          Attribution attribution = attribute(event.getStackTrace());
          double weight = event.getLong("weight");
          allocation.add(attribution, weight);
          if (attribution.request()) {
            String objectClass = event.getClass("objectClass").getName();
            allocatedClasses.merge(objectClass, weight, Double::sum);
            if (attribution.ours() != null) {
              ourAllocatedClasses.merge(objectClass + " by " + attribution.ours(), weight, Double::sum);
            }
          }
        }
      }
    }
    System.out.printf("CPU: %d execution samples, %d (%.1f %%) on request threads%n", (long) cpu.all, (long) cpu.request,
        100 * cpu.request / Math.max(1, cpu.all));
    cpu.print("CPU samples", top, v -> v);
    for (int i = 0; i < asked.size(); i++) {
      System.out.printf("Samples whose stack holds %s: %.2f %%%n", String.join(" or ", asked.get(i)),
          100.0 * holding[i] / Math.max(1, cpu.request));
    }
    System.out.printf("%nAllocation: %.1f MiB sampled weight, %.1f %% on request threads%n", allocation.all / (1 << 20),
        100 * allocation.request / Math.max(1, allocation.all));
    allocation.print("sampled allocation weight", top, v -> v);
    printTop("Allocation on request threads by class", allocatedClasses, allocation.request, top);
    printTop("Allocation by Strongroom code, by class and method", ourAllocatedClasses, allocation.request, top);
  }

  static Attribution attribute(RecordedStackTrace stack) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return new Attribution(false, null, "(no stack)", "(no stack)", false);
    }
    List<RecordedFrame> frames = stack.getFrames();
    String running = name(frames.get(0));
    boolean request = false;
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("org.apache.tomcat.util.net.") && type.contains("SocketProcessor")) {
        request = true;
        break;
      }
    }
    String ours = null;
    for (RecordedFrame frame : frames) {
      String name = name(frame);
      if (HAND_OVERS.contains(name)) {
        break;
      }
      if (name.startsWith("org.strongroom.")) {
        ours = name;
        break;
      }
    }
    return new Attribution(request, ours, group(running), running, servletChain(frames));
  }

  /** In Tomcat's chain building, or running the chain's own code (the first frame outside the JDK is the chain). */
  static boolean servletChain(List<RecordedFrame> frames) {
    boolean inJdk = true;
    for (RecordedFrame frame : frames) {
      String name = name(frame);
      if (SERVLET_CHAIN.contains(name)) {
        return true;
      }
      if (inJdk && !(name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun."))) {
        if (name.startsWith("org.apache.catalina.core.ApplicationFilterChain.")) {
          return true;
        }
        inJdk = false;
      }
    }
    return false;
  }

  static boolean holds(RecordedStackTrace stack, List<String> methods) {
    for (RecordedFrame frame : stack.getFrames()) {
      if (methods.contains(name(frame))) {
        return true;
      }
    }
    return false;
  }

  static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  static String group(String name) {
    for (String[] group : GROUPS) {
      if (name.startsWith(group[0])) {
        return group[1];
      }
    }
    return "other";
  }

  static void printTop(String title, Map<String, Double> values, double total, int top) {
    System.out.printf("%n%s (share of all on request threads):%n", title);
    values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
        .forEach(e -> System.out.printf("  %6.2f %%  %s%n", 100 * e.getValue() / Math.max(1, total), e.getKey()));
  }

  static final class Tally {
    double all;
    double request;
    double ours;
    double servletChain;
    final Map<String, Double> oursByMethod = new HashMap<>();
    final Map<String, Double> oursByRan = new HashMap<>();
    final Map<String, Double> othersByRan = new HashMap<>();
    final Map<String, Double> runningMethods = new HashMap<>();

    void add(Attribution attribution, double weight) {
      all += weight;
      if (!attribution.request()) {
        return;
      }
      request += weight;
      if (attribution.servletChain()) {
        servletChain += weight;
      }
      runningMethods.merge(attribution.top(), weight, Double::sum);
      if (attribution.ours() != null) {
        ours += weight;
        oursByMethod.merge(attribution.ours(), weight, Double::sum);
        oursByRan.merge(attribution.ran(), weight, Double::sum);
      } else {
        othersByRan.merge(attribution.ran(), weight, Double::sum);
      }
    }

    void print(String what, int top, ToDoubleFunction<Double> unit) {
      System.out.printf("Of the %s on request threads: Strongroom's code and what it calls %.1f %%, the rest %.1f %%%n",
          what, 100 * ours / Math.max(1, request), 100 * (request - ours) / Math.max(1, request));
      System.out.printf("Tomcat's servlet filter chain (building it, passing the request along; part of the rest): %.1f %%%n",
          100 * servletChain / Math.max(1, request));
      printTop("Strongroom's part, by what ran", oursByRan, request, top);
      printTop("The rest, by what ran", othersByRan, request, top);
      printTop("Strongroom's part, by the Strongroom method responsible", oursByMethod, request, top);
      printTop("Running methods (self)", runningMethods, request, top);
    }
  }
}
