#!/usr/bin/env python3
# A check that needs no GPU: emulates one warp of gemm_bf16_body's inner loop in
# src/main/cuda/gemm_bf16.cu -- the per-lane shared-memory addresses given to ldmatrix (with and
# without .trans), the padded tile layouts, and the mma.m16n8k16 fragment layouts as the PTX ISA
# documents them -- for every operand layout, and compares the product with numpy's.
# It checks the kernel's index arithmetic against those documented layouts, not the hardware.
#   python3 trainer-gpu/gpu/check_mma_fragments.py
import numpy as np
BK, PAD = 32, 8
rng = np.random.default_rng(0)

def ldmatrix(smem, stride, addrs, trans):
    # addrs[lane] = element index of a row start; returns regs[4][32] of (lo, hi) pairs
    regs = [[None]*32 for _ in range(4)]
    for i in range(4):
        rows = [addrs[8*i + r] for r in range(8)]
        mat = np.array([[smem[rows[r] + c] for c in range(8)] for r in range(8)])
        if trans: mat = mat.T
        for lane in range(32):
            regs[i][lane] = (mat[lane // 4, 2*(lane % 4)], mat[lane // 4, 2*(lane % 4) + 1])
    return regs

def mma(a, b0, b1):
    # a: 4 regs per lane; returns 16x8 product
    A = np.zeros((16, 16)); B = np.zeros((16, 8))
    for lane in range(32):
        g, t = lane // 4, lane % 4
        for j in range(2):
            A[g, 2*t+j] = a[0][lane][j]; A[g+8, 2*t+j] = a[1][lane][j]
            A[g, 2*t+8+j] = a[2][lane][j]; A[g+8, 2*t+8+j] = a[3][lane][j]
            B[2*t+j, g] = b0[lane][j]; B[2*t+8+j, g] = b1[lane][j]
    return A @ B

def padded(stored):
    stride = stored.shape[1] + PAD
    buf = np.zeros(stored.shape[0] * stride)
    for r in range(stored.shape[0]):
        buf[r * stride:r * stride + stored.shape[1]] = stored[r]
    return buf, stride

def run(a_kmajor, b_kmajor, TM=64, TN=64):
    M, N = TM, TN
    Am = rng.standard_normal((M, BK)); Bm = rng.standard_normal((BK, N))  # logical A(m,k), B(k,n)
    # shared tiles in the operand's own storage layout, rows padded by PAD elements
    sA, sa_stride = padded(Am if a_kmajor else Am.T)
    sB, sb_stride = padded(Bm.T if b_kmajor else Bm)
    C = np.zeros((M, N))
    MT, NT = M // 16, N // 8
    for kk in range(0, BK, 16):
        af = []
        for i in range(MT):
            mb = i * 16
            addrs = []
            for lane in range(32):
                if a_kmajor:
                    r = mb + (lane & 15); c = kk + (lane >> 4) * 8
                else:
                    r = kk + (lane & 7) + ((lane >> 4) << 3); c = mb + ((lane >> 3) & 1) * 8
                addrs.append(r * sa_stride + c)
            af.append(ldmatrix(sA, sa_stride, addrs, not a_kmajor))
        bf = [None] * NT
        for j in range(0, NT, 2):
            nb = j * 8
            addrs = []
            for lane in range(32):
                if b_kmajor:
                    r = nb + (lane & 7) + ((lane >> 4) << 3); c = kk + ((lane >> 3) & 1) * 8
                else:
                    r = kk + (lane & 7) + ((lane >> 3) & 1) * 8; c = nb + (lane >> 4) * 8
                addrs.append(r * sb_stride + c)
            r4 = ldmatrix(sB, sb_stride, addrs, not b_kmajor)
            bf[j] = (r4[0], r4[1]); bf[j+1] = (r4[2], r4[3])
        for i in range(MT):
            for j in range(NT):
                C[i*16:(i+1)*16, j*8:(j+1)*8] += mma(af[i], bf[j][0], bf[j][1])
    # epilogue mapping check: element e of lane at (g + (e>>1)*8, 2t + (e&1)) is what mma() placed
    err = np.abs(C - Am @ Bm).max()
    return err

if __name__ == "__main__":  # check_flash_attention.py imports ldmatrix and mma
    worst = 0.0
    for ak, bk, name in ((True, True, "NT"), (True, False, "NN"), (False, False, "TN"), (False, True, "TT")):
        err = max(run(ak, bk), run(ak, bk, 32, 32))  # warp tiles of the 128x256 and 128x64 kernels
        worst = max(worst, err)
        print(name, "max abs err", err)
    raise SystemExit(0 if worst < 1e-9 else 1)
