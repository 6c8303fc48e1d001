package dev.mmsafety.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures over a stretch of work, three ways: the used heap sampled every 20 ms, the sum of the heap
 * pools' peaks, and the live set (heap in use right after each collection, the figure bounded memory is about).
 */
final class HeapWatch implements AutoCloseable {
  private final AtomicLong sampledPeak = new AtomicLong();
  private final AtomicLong liveAfterGc = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();
  private final Thread sampler;

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    watchGc();
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static HeapWatch start() {
    return new HeapWatch();
  }

  long sampledPeak() {
    return sampledPeak.get();
  }

  long liveAfterGc() {
    return liveAfterGc.get();
  }

  static long poolPeaks() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  @Override
  public void close() {
    sampler.interrupt();
    unregister.forEach(Runnable::run);
  }

  private void watchGc() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof NotificationEmitter emitter)) {
        continue;
      }
      NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
          liveAfterGc.accumulateAndGet(used, Math::max);
        }
      };
      emitter.addNotificationListener(listener, null, null);
      unregister.add(() -> {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // already gone
        }
      });
    }
  }
}
