package dev.winnow.trainer.gpu;

import static dev.winnow.trainer.gpu.CudaCheck.check;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * One GPU through the CUDA driver API: its primary context, kernel modules loaded from this
 * build's fatbins ({@link KernelResources}) and kernel launches on the default stream. Driver
 * API only (JCuda's driver JNI library needs just the driver's {@code libcuda.so.1}), so it
 * runs with any CUDA 12 or 13 driver and no toolkit libraries.
 */
public final class CudaDevice implements AutoCloseable {
  /**
   * {@code -Dwinnow.gpu.syncLaunches=true}: wait for each kernel, so that a fault is reported
   * against the kernel that caused it rather than a later call (the device check's unit tests
   * run so; training does not).
   */
  private static final boolean SYNC_LAUNCHES = Boolean.getBoolean("winnow.gpu.syncLaunches");

  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final String name;
  private final int computeMajor;
  private final int computeMinor;
  private final int multiprocessors;
  private final int maxSharedPerBlockOptIn;
  private boolean closed;
  private volatile Thread boundThread;
  private EventTimer kernelTimer;

  private static GpuProbe probed;

  /**
   * Checks, without throwing, whether a GPU, its driver and the built kernels are present. No
   * driver library: JCuda's JNI library fails to link ({@link LinkageError}). Probed once per
   * JVM: a second attempt to link reports only "Could not initialize class".
   */
  public static synchronized GpuProbe probe() {
    if (probed == null) {
      probed = probeOnce();
    }
    return probed;
  }

  private static GpuProbe probeOnce() {
    String missing = KernelResources.missingReason();
    try {
      JCudaDriver.setExceptionsEnabled(false);
      int rc = JCudaDriver.cuInit(0);
      if (rc != 0) {
        return GpuProbe.unavailable("no GPU: cuInit returned "
            + jcuda.driver.CUresult.stringFor(rc));
      }
      int[] count = new int[1];
      rc = JCudaDriver.cuDeviceGetCount(count);
      if (rc != 0 || count[0] == 0) {
        return GpuProbe.unavailable("no GPU: cuDeviceGetCount found no device");
      }
      if (missing != null) {
        return GpuProbe.unavailable(missing);
      }
      CUdevice d = new CUdevice();
      check("cuDeviceGet(0)", JCudaDriver.cuDeviceGet(d, 0));
      return new GpuProbe(true, deviceName(d));
    } catch (LinkageError e) {
      return GpuProbe.unavailable("no GPU: " + linkFailure(e));
    }
  }

  /** The missing shared library from JCuda's multi-line load report, if it names one. */
  private static String linkFailure(LinkageError e) {
    String m = String.valueOf(e.getMessage());
    Matcher missingLib = Pattern.compile("(lib[\\w.+-]+\\.so[\\d.]*): cannot open shared object file")
        .matcher(m);
    if (missingLib.find()) {
      return missingLib.group(1) + " (the CUDA driver's library) not found";
    }
    return "JCuda's driver library did not load: " + m.lines().findFirst().orElse(m);
  }

  /** Opens device {@code ordinal}; throws when there is none or the kernels are missing. */
  public CudaDevice(int ordinal) {
    String missing = KernelResources.missingReason();
    if (missing != null) {
      throw new IllegalStateException(missing);
    }
    JCudaDriver.setExceptionsEnabled(false);
    check("cuInit", JCudaDriver.cuInit(0));
    check("cuDeviceGet(" + ordinal + ")", JCudaDriver.cuDeviceGet(device, ordinal));
    check("cuDevicePrimaryCtxRetain", JCudaDriver.cuDevicePrimaryCtxRetain(context, device));
    makeCurrent();
    name = deviceName(device);
    computeMajor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    computeMinor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    maxSharedPerBlockOptIn =
        attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
  }

  /** Binds the context to the calling thread (the driver keeps the current context per thread). */
  public void makeCurrent() {
    check("cuCtxSetCurrent", JCudaDriver.cuCtxSetCurrent(context));
    boundThread = Thread.currentThread();
  }

  /** {@link #makeCurrent} unless the calling thread made the last call: cheap on every call. */
  public void bind() {
    if (Thread.currentThread() != boundThread) {
      makeCurrent();
    }
  }

  public String name() {
    return name;
  }

  public String describe() {
    long[] freeTotal = memoryInfo();
    return String.format("%s (sm_%d%d, %d SMs, %.1f GiB, %.1f GiB free)", name, computeMajor,
        computeMinor, multiprocessors, freeTotal[1] / 1073741824.0, freeTotal[0] / 1073741824.0);
  }

  public int multiprocessors() {
    return multiprocessors;
  }

  public long freeMemory() {
    return memoryInfo()[0];
  }

  /** Free and total device memory in bytes. */
  private static long[] memoryInfo() {
    long[] free = new long[1];
    long[] total = new long[1];
    check("cuMemGetInfo", JCudaDriver.cuMemGetInfo(free, total));
    return new long[] {free[0], total[0]};
  }

  /** Loads one of this build's fatbins (e.g. {@code "gemm_bf16"}). */
  public CUmodule loadModule(String moduleName) {
    CUmodule module = new CUmodule();
    check("cuModuleLoadData(" + moduleName + ")",
        JCudaDriver.cuModuleLoadData(module, KernelResources.read(moduleName)));
    return module;
  }

  public CUfunction function(CUmodule module, String kernel) {
    CUfunction f = new CUfunction();
    check("cuModuleGetFunction(" + kernel + ")", JCudaDriver.cuModuleGetFunction(f, module, kernel));
    return f;
  }

  /** Raises a kernel's dynamic shared-memory limit (needed above 48 KB). */
  public void allowDynamicShared(CUfunction f, String kernel, int bytes) {
    if (bytes > maxSharedPerBlockOptIn) {
      throw new IllegalStateException(kernel + " needs " + bytes
          + " bytes of shared memory; the device allows " + maxSharedPerBlockOptIn);
    }
    check("cuFuncSetAttribute(" + kernel + ", MAX_DYNAMIC_SHARED_SIZE_BYTES, " + bytes + ")",
        JCudaDriver.cuFuncSetAttribute(f,
            CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes));
  }

  /** Launches on the default stream; {@code params} as built by {@link KernelArgs}. */
  public void launch(String kernel, CUfunction f, int gridX, int gridY, int gridZ, int blockX,
      int blockY, int sharedBytes, Pointer params) {
    bind();
    if (kernelTimer != null) {
      kernelTimer.begin(kernel, 0, 0);
    }
    check("cuLaunchKernel(" + kernel + ", grid " + gridX + "x" + gridY + "x" + gridZ + ", block "
        + blockX + "x" + blockY + ", smem " + sharedBytes + ")",
        JCudaDriver.cuLaunchKernel(f, gridX, gridY, gridZ, blockX, blockY, 1, sharedBytes, null,
            params, null));
    if (kernelTimer != null) {
      kernelTimer.end();
    }
    if (SYNC_LAUNCHES) {
      check("kernel " + kernel + " (grid " + gridX + "x" + gridY + "x" + gridZ + ")",
          JCudaDriver.cuCtxSynchronize());
    }
  }

  /** Profiling: time every launch with {@code timer} from now on (null: stop). */
  void timeKernels(EventTimer timer) {
    kernelTimer = timer;
  }

  /** Waits for all work; an error of an earlier asynchronous launch surfaces here. */
  public void synchronize() {
    bind();
    check("cuCtxSynchronize", JCudaDriver.cuCtxSynchronize());
  }

  public CUevent newEvent() {
    CUevent e = new CUevent();
    check("cuEventCreate", JCudaDriver.cuEventCreate(e, 0));
    return e;
  }

  public void record(CUevent e) {
    check("cuEventRecord", JCudaDriver.cuEventRecord(e, null));
  }

  /** Milliseconds between two recorded events (waits for the second). */
  public float elapsedMillis(CUevent start, CUevent end) {
    check("cuEventSynchronize", JCudaDriver.cuEventSynchronize(end));
    float[] ms = new float[1];
    check("cuEventElapsedTime", JCudaDriver.cuEventElapsedTime(ms, start, end));
    return ms[0];
  }

  public void destroy(CUevent e) {
    check("cuEventDestroy", JCudaDriver.cuEventDestroy(e));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      check("cuDevicePrimaryCtxRelease", JCudaDriver.cuDevicePrimaryCtxRelease(device));
    }
  }

  private int attribute(int attribute) {
    int[] v = new int[1];
    check("cuDeviceGetAttribute(" + attribute + ")",
        JCudaDriver.cuDeviceGetAttribute(v, attribute, device));
    return v[0];
  }

  private static String deviceName(CUdevice d) {
    byte[] buf = new byte[256];
    check("cuDeviceGetName", JCudaDriver.cuDeviceGetName(buf, buf.length, d));
    int len = 0;
    while (len < buf.length && buf[len] != 0) {
      len++;
    }
    return new String(buf, 0, len, StandardCharsets.US_ASCII);
  }
}
