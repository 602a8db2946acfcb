package com.smeloanflow.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by the application's process, the database server's processes (embedded
 * PostgreSQL) and this load generator, read from {@code /proc} (Linux). CPU time per completed
 * journey barely depends on what else runs on the machine, unlike throughput and latency: on a
 * shared machine it is the steadier figure, and 1,000 ms × cores divided by it bounds what the
 * machine could complete per second if it did nothing else.
 */
final class CpuMeter {

  /**
   * CPU milliseconds used so far by each party; {@code applicationJit} is the part of {@code application}
   * spent by the application's JIT compiler threads (C1, C2). A compiler thread the JVM retires takes its
   * time with it, so a difference of that part is never taken below zero.
   */
  record Sample(double application, double database, double generator, double applicationJit) {
    Sample minus(Sample earlier) {
      return new Sample(application - earlier.application, database - earlier.database, generator - earlier.generator,
          Math.max(0, applicationJit - earlier.applicationJit));
    }
  }

  private static final double MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux
  private final long applicationPid;
  private final Integer databasePort;

  CpuMeter(long applicationPid, Integer databasePort) {
    this.applicationPid = applicationPid;
    this.databasePort = databasePort;
  }

  Sample sample() {
    return new Sample(processTicks(applicationPid, false) * MILLIS_PER_TICK, databaseTicks() * MILLIS_PER_TICK,
        generatorMillis(), compilerTicks(applicationPid) * MILLIS_PER_TICK);
  }

  /** utime + stime of the process's JIT compiler threads (HotSpot names them "C1 CompilerThreadN", "C2 …"). */
  private static long compilerTicks(long pid) {
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path thread : threads) {
        String[] stat = stat(Path.of("/proc", String.valueOf(pid), "task", thread.getFileName().toString(), "stat"));
        if (stat != null && (stat[1].startsWith("(C1 CompilerThre") || stat[1].startsWith("(C2 CompilerThre"))) {
          ticks += ownTicks(stat);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks;
  }

  private static double generatorMillis() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e6;
    }
    return Double.NaN;
  }

  /** The postmaster listening on the port, its live children, and its children that have exited. */
  private long databaseTicks() {
    if (databasePort == null) {
      return 0;
    }
    Map<Long, Long> parents = new HashMap<>();
    Long postmaster = null;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        long pid = Long.parseLong(process.getFileName().toString());
        String[] stat = stat(pid);
        if (stat == null) {
          continue;
        }
        parents.put(pid, Long.parseLong(stat[3]));
        if (postmaster == null && stat[1].equals("(postgres)") && commandLine(pid).contains("\0-p\0" + databasePort + "\0")) {
          postmaster = pid;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    if (postmaster == null) {
      return 0;
    }
    long ticks = processTicks(postmaster, true);
    for (Map.Entry<Long, Long> process : parents.entrySet()) {
      if (process.getValue().equals(postmaster)) {
        ticks += processTicks(process.getKey(), false);
      }
    }
    return ticks;
  }

  /** utime + stime (fields 14, 15), and with {@code withExitedChildren} cutime + cstime (16, 17). */
  private static long processTicks(long pid, boolean withExitedChildren) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    long ticks = ownTicks(stat);
    if (withExitedChildren) {
      ticks += Long.parseLong(stat[15]) + Long.parseLong(stat[16]);
    }
    return ticks;
  }

  /** utime + stime (fields 14, 15) of a process's or thread's stat. */
  private static long ownTicks(String[] stat) {
    return Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
  }

  private static String[] stat(long pid) {
    return stat(Path.of("/proc", String.valueOf(pid), "stat"));
  }

  private static String[] stat(Path file) {
    try {
      String stat = Files.readString(file);
      // The command name (field 2) is in parentheses and may hold spaces: split after it.
      int close = stat.lastIndexOf(')');
      String[] rest = stat.substring(close + 2).split(" ");
      String[] fields = new String[rest.length + 2];
      fields[0] = stat.substring(0, stat.indexOf(' '));
      fields[1] = stat.substring(stat.indexOf(' ') + 1, close + 1);
      System.arraycopy(rest, 0, fields, 2, rest.length);
      return fields;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))) + "\0";
    } catch (IOException e) {
      return "";
    }
  }
}
