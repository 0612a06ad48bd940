#!/usr/bin/env python3
"""PyTorch (cuBLAS) baseline for GemmBench: torch.matmul on square problems, bf16 and fp32
(TF32 off, so it is true fp32 like the SIMT kernel), random operands, warm-up, the median of
CUDA-event-timed runs. Prints one "RESULT torch ..." line per case.

    python3 torch_matmul.py [--reps 20] [--sizes 4096 8192]
"""
import argparse
import statistics
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=20)
    p.add_argument("--sizes", type=int, nargs="+", default=[4096, 8192])
    args = p.parse_args()
    try:
        import torch
    except ImportError as e:
        print(f"torch_matmul skipped: {e}")
        return 0
    if not torch.cuda.is_available():
        print("torch_matmul skipped: torch.cuda.is_available() is False")
        return 0
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    print(f"device: {torch.cuda.get_device_name(0)}, torch {torch.__version__}, "
          f"CUDA {torch.version.cuda}")
    for size in args.sizes:
        for dtype, name, reps in ((torch.bfloat16, "bf16", args.reps),
                                  (torch.float32, "fp32", args.reps // 2 + 1)):
            a = torch.rand(size, size, device="cuda", dtype=torch.float32).mul_(2).sub_(1).to(dtype)
            b = torch.rand(size, size, device="cuda", dtype=torch.float32).mul_(2).sub_(1).to(dtype)
            # A [M][K] times B stored [N][K] transposed: the same NT layout GemmBench heads with.
            bt = b.t()
            for _ in range(3):
                c = torch.matmul(a, bt)
            torch.cuda.synchronize()
            times = []
            for _ in range(reps):
                s = torch.cuda.Event(enable_timing=True)
                e = torch.cuda.Event(enable_timing=True)
                s.record()
                c = torch.matmul(a, bt)
                e.record()
                e.synchronize()
                times.append(s.elapsed_time(e))
            med = statistics.median(times)
            tflops = 2.0 * size ** 3 / (med * 1e-3) / 1e12
            ref = a[:64].double() @ bt[:, :64].double()
            err = ((c[:64, :64].double() - ref).norm() / ref.norm()).item()
            print(f"RESULT torch {name} NT {size} median_ms={med:.3f} min_ms={min(times):.3f} "
                  f"max_ms={max(times):.3f} tflops={tflops:.1f} relerr={err:.2e} reps={reps}")
            del a, b, bt, c
            torch.cuda.empty_cache()
    return 0


if __name__ == "__main__":
    sys.exit(main())
