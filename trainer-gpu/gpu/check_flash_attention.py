#!/usr/bin/env python3
# A check that needs no GPU: emulates src/main/cuda/flash_attention.cu warp by warp -- the
# per-lane ldmatrix addresses into the padded shared tiles, the mma.m16n8k16 fragment layouts as
# the PTX ISA documents them, the accumulator-to-A-fragment repacking of the probabilities, the
# quad reductions of the online softmax, the causal and sequence-end masks and the tile loops of
# the forward, dQ and dK/dV kernels -- and compares out, lse and dQ/dK/dV with numpy's attention.
# It checks the kernels' index arithmetic and algebra in exact arithmetic (no bf16 rounding), not
# the hardware, cp.async ordering or shared-memory sizes; the GPU tests do that on a device.
#   python3 trainer-gpu/gpu/check_flash_attention.py
import numpy as np
from check_mma_fragments import ldmatrix, mma as product16x8

TILE, WARPS, PAD = 64, 4, 8
NT = TILE // 8
rng = np.random.default_rng(1)


def tile(rows_of, r0, T, hs):
    """load_tile: rows r0..r0+63 of a [T][hs] matrix, padded rows, zeros past T (flat array)."""
    stride = hs + PAD
    buf = np.zeros(TILE * stride)
    for r in range(TILE):
        if r0 + r < T:
            buf[r * stride:r * stride + hs] = rows_of[r0 + r]
    return buf


def load_a(s, stride, m0, k0):
    return ldmatrix(s, stride, [(m0 + (l & 15)) * stride + k0 + (l >> 4) * 8 for l in range(32)], False)


def load_b_rows(s, stride, n0, k0):
    return ldmatrix(s, stride, [(n0 + (l & 7) + ((l >> 4) << 3)) * stride + k0 + ((l >> 3) & 1) * 8
                                for l in range(32)], False)


def load_b_cols(s, stride, n0, k0):
    return ldmatrix(s, stride, [(k0 + (l & 7) + ((l >> 3) & 1) * 8) * stride + n0 + (l >> 4) * 8
                                for l in range(32)], True)


def mma(acc, a, b0, b1):
    """acc: [32][4] C fragment of a 16x8 block; returns acc + A.B in the same layout."""
    D = product16x8(a, b0, b1)
    out = acc.copy()
    for lane in range(32):
        g, t = lane // 4, lane % 4
        for e in range(4):
            out[lane, e] += D[g + (e >> 1) * 8, 2 * t + (e & 1)]
    return out


def store_row(dst, acc, first_rows, r, T, hs):
    """store_row: row r (0: g, 1: g + 8) of each lane's 16 x hs accumulator, rows below T."""
    for lane in range(32):
        row = first_rows[lane] + r * 8
        if row < T:
            for j in range(hs // 8):
                for e in (2 * r, 2 * r + 1):
                    dst[row, j * 8 + 2 * (lane & 3) + (e & 1)] = acc[j][lane, e]


def acc_to_a(acc, kk):
    return [[(acc[2 * kk][l, 0], acc[2 * kk][l, 1]) for l in range(32)],
            [(acc[2 * kk][l, 2], acc[2 * kk][l, 3]) for l in range(32)],
            [(acc[2 * kk + 1][l, 0], acc[2 * kk + 1][l, 1]) for l in range(32)],
            [(acc[2 * kk + 1][l, 2], acc[2 * kk + 1][l, 3]) for l in range(32)]]


def product_abt(sa, m0, sb, hs):
    stride = hs + PAD
    acc = [np.zeros((32, 4)) for _ in range(NT)]
    for kk in range(hs // 16):
        a = load_a(sa, stride, m0, kk * 16)
        for j in range(0, NT, 2):
            b = load_b_rows(sb, stride, j * 8, kk * 16)
            acc[j] = mma(acc[j], a, b[0], b[1])
            acc[j + 1] = mma(acc[j + 1], a, b[2], b[3])
    return acc


def product_acc_b(out, p, sb, hs):
    stride = hs + PAD
    for kk in range(TILE // 16):
        a = acc_to_a(p, kk)
        for j in range(0, hs // 8, 2):
            b = load_b_cols(sb, stride, j * 8, kk * 16)
            out[j] = mma(out[j], a, b[0], b[1])
            out[j + 1] = mma(out[j + 1], a, b[2], b[3])


def quad(v, op):
    """v: [32] per lane; every lane gets op over its quad (lanes xor 1, 2)."""
    return np.array([op(v[(l & ~3) + i] for i in range(4)) for l in range(32)])


def key_tiles(q0, T):
    return (min(q0 + TILE, T) - 1) // TILE + 1


def forward(Q, K, V, T, hs, scale, out, lse):
    for q0 in range(0, T, TILE):
        sQ = tile(Q, q0, T, hs)
        for warp in range(WARPS):
            o = [np.zeros((32, 4)) for _ in range(hs // 8)]
            m = np.full((32, 2), -np.inf); l = np.zeros((32, 2))
            lanes = np.arange(32); g = lanes >> 2; tq = lanes & 3
            row0 = q0 + warp * 16 + g
            for kt in range(key_tiles(q0, T)):
                sK = tile(K, kt * TILE, T, hs); sV = tile(V, kt * TILE, T, hs)
                s = product_abt(sQ, warp * 16, sK, hs)
                mx = np.full((32, 2), -np.inf)
                for j in range(NT):
                    for e in range(4):
                        key = kt * TILE + j * 8 + 2 * tq + (e & 1)
                        row = row0 + (e >> 1) * 8
                        s[j][:, e] = np.where(key <= row, s[j][:, e] * scale, -np.inf)
                        mx[:, e >> 1] = np.maximum(mx[:, e >> 1], s[j][:, e])
                corr = np.zeros((32, 2))
                for r in range(2):
                    mn = np.maximum(m[:, r], quad(mx[:, r], max))
                    assert np.all(np.isfinite(mn))
                    corr[:, r] = np.exp(m[:, r] - mn); m[:, r] = mn; l[:, r] *= corr[:, r]
                for j in range(NT):
                    for e in range(4):
                        s[j][:, e] = np.exp(s[j][:, e] - m[:, e >> 1]); l[:, e >> 1] += s[j][:, e]
                for j in range(hs // 8):
                    for e in range(4):
                        o[j][:, e] *= corr[:, e >> 1]
                product_acc_b(o, s, sV, hs)
            for r in range(2):
                total = quad(l[:, r], sum)
                store_row(out, [a / total[:, None] for a in o], row0, r, T, hs)
                for lane in range(32):
                    if row0[lane] + r * 8 < T and tq[lane] == 0:
                        lse[row0[lane] + r * 8] = m[lane, r] + np.log(total[lane])


def backward_dq(Q, K, V, dO, lse, rowdot, T, hs, scale, dQ):
    lanes = np.arange(32); g = lanes >> 2; tq = lanes & 3
    for q0 in range(0, T, TILE):
        sQ = tile(Q, q0, T, hs); sO = tile(dO, q0, T, hs)
        for warp in range(WARPS):
            row0 = q0 + warp * 16 + g
            rl = [np.where(row0 + 8 * r < T, lse[np.minimum(row0 + 8 * r, T - 1)], 0.0) for r in range(2)]
            rd = [np.where(row0 + 8 * r < T, rowdot[np.minimum(row0 + 8 * r, T - 1)], 0.0) for r in range(2)]
            dq = [np.zeros((32, 4)) for _ in range(hs // 8)]
            for kt in range(key_tiles(q0, T)):
                sK = tile(K, kt * TILE, T, hs); sV = tile(V, kt * TILE, T, hs)
                p = product_abt(sQ, warp * 16, sK, hs)
                dp = product_abt(sO, warp * 16, sV, hs)
                for j in range(NT):
                    for e in range(4):
                        key = kt * TILE + j * 8 + 2 * tq + (e & 1)
                        r = e >> 1
                        pr = np.where(key <= row0 + r * 8, np.exp(p[j][:, e] * scale - rl[r]), 0.0)
                        p[j][:, e] = pr * (dp[j][:, e] - rd[r]) * scale
                product_acc_b(dq, p, sK, hs)
            for r in range(2):
                store_row(dQ, dq, row0, r, T, hs)


def backward_dkdv(Q, K, V, dO, lse, rowdot, T, hs, scale, dK, dV):
    lanes = np.arange(32); g = lanes >> 2; tq = lanes & 3
    for kb in range((T + TILE - 1) // TILE):
        k0 = kb * TILE
        sK = tile(K, k0, T, hs); sV = tile(V, k0, T, hs)
        for warp in range(WARPS):
            key0 = k0 + warp * 16 + g
            dk = [np.zeros((32, 4)) for _ in range(hs // 8)]
            dv = [np.zeros((32, 4)) for _ in range(hs // 8)]
            for qt in range(kb, (T + TILE - 1) // TILE):
                q0 = qt * TILE
                sQ = tile(Q, q0, T, hs); sO = tile(dO, q0, T, hs)
                sl = np.array([lse[q0 + i] if q0 + i < T else 0.0 for i in range(TILE)])
                sd = np.array([rowdot[q0 + i] if q0 + i < T else 0.0 for i in range(TILE)])
                p = product_abt(sK, warp * 16, sQ, hs)
                dp = product_abt(sV, warp * 16, sO, hs)
                for j in range(NT):
                    for e in range(4):
                        col = j * 8 + 2 * tq + (e & 1)
                        query = q0 + col
                        key = key0 + (e >> 1) * 8
                        pr = np.where((query < T) & (key <= query), np.exp(p[j][:, e] * scale - sl[col]), 0.0)
                        p[j][:, e] = pr
                        dp[j][:, e] = pr * (dp[j][:, e] - sd[col]) * scale
                product_acc_b(dv, p, sO, hs)
                product_acc_b(dk, dp, sQ, hs)
            for r in range(2):
                store_row(dK, dk, key0, r, T, hs)
                store_row(dV, dv, key0, r, T, hs)


def reference(Q, K, V, dO, scale):
    T = Q.shape[0]
    S = Q @ K.T * scale
    S[np.triu_indices(T, 1)] = -np.inf
    lse = np.log(np.exp(S - S.max(1, keepdims=True)).sum(1)) + S.max(1)
    P = np.exp(S - lse[:, None])
    out = P @ V
    dP = dO @ V.T
    dS = P * (dP - (dP * P).sum(1, keepdims=True)) * scale
    return out, lse, dS @ K, dS.T @ Q, P.T @ dO


def check(T, hs):
    Q, K, V, dO = (rng.standard_normal((T, hs)) for _ in range(4))
    scale = 1 / np.sqrt(hs)
    out = np.full((T, hs), np.nan); lse = np.full(T, np.nan)
    forward(Q, K, V, T, hs, scale, out, lse)
    rowdot = (dO * out).sum(1)  # flash_attention_rowdot
    dQ, dK, dV = (np.full((T, hs), np.nan) for _ in range(3))
    backward_dq(Q, K, V, dO, lse, rowdot, T, hs, scale, dQ)
    backward_dkdv(Q, K, V, dO, lse, rowdot, T, hs, scale, dK, dV)
    ref = reference(Q, K, V, dO, scale)
    errs = [np.abs(got - want).max() for got, want in zip((out, lse, dQ, dK, dV), ref)]
    print(f"T={T} HS={hs}: max abs err out {errs[0]:.1e} lse {errs[1]:.1e} dQ {errs[2]:.1e} "
          f"dK {errs[3]:.1e} dV {errs[4]:.1e}")
    return max(errs)


worst = max(check(T, hs) for T, hs in ((64, 32), (70, 32), (37, 64), (130, 64)))
raise SystemExit(0 if worst < 1e-9 else 1)
