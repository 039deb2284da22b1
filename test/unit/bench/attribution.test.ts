import { describe, expect, it } from 'vitest';
import { attributionOf, OFF_MAIN_THREAD, type ProfiledTarget } from '../../../bench/attribution.js';

const profile = (key: 'c' | 'v', layers: Record<string, number>, cpu: { process: number; mainThread: number }): ProfiledTarget => ({
  key,
  summary: { byLayer: Object.entries(layers).map(([name, share]) => ({ name, ms: 0, share })) },
  cpuUsPerRequest: cpu,
});

describe('attributionOf', () => {
  it('turns layer shares into µs whose rows add up to each process’s CPU, largest difference first', () => {
    const rows = attributionOf([
      profile('v', { http: 0.5, validator: 0.5 }, { process: 50, mainThread: 40 }),
      profile('c', { http: 0.25, validator: 0.25, kafkajs: 0.5 }, { process: 200, mainThread: 160 }),
    ])!;
    expect(rows.map((row) => row.layer)).toEqual(['kafkajs', OFF_MAIN_THREAD, 'http', 'validator']);
    expect(rows[0]).toEqual({ layer: 'kafkajs', vUs: 0, cUs: 80 });
    expect(rows.reduce((sum, row) => sum + row.cUs, 0)).toBeCloseTo(200);
    expect(rows.reduce((sum, row) => sum + row.vUs, 0)).toBeCloseTo(50);
  });

  it('is undefined without both profiles', () => {
    expect(attributionOf([profile('c', { http: 1 }, { process: 1, mainThread: 1 })])).toBeUndefined();
  });
});
