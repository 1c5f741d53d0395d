/** p95 of `runs` calls after `warmup` unmeasured ones, in ms (one decimal). */
export async function p95(run: () => Promise<unknown>, runs = 40, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.ceil(samples.length * 0.95) - 1] * 10) / 10;
}
