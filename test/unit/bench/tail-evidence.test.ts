import { describe, expect, it } from 'vitest';
import { tailEvidenceOf, type Scrape } from '../../../bench/tail-evidence.js';

const scrape = (series: Record<string, number>): Scrape => new Map(Object.entries(series));

describe('tailEvidenceOf', () => {
  it('counts what happened between two scrapes of /metrics', () => {
    const before = scrape({
      'kafka_send_duration_seconds_count': 100,
      'kafka_send_duration_seconds_sum': 0.2,
      'kafka_send_duration_seconds_bucket{le="0.01"}': 98,
      'kafka_send_duration_seconds_bucket{le="0.025"}': 100,
      'kafka_send_batch_size_sum': 300,
      'nodejs_gc_duration_seconds_sum{kind="minor"}': 1,
      'nodejs_gc_duration_seconds_count{kind="minor"}': 40,
    });
    const after = scrape({
      'kafka_send_duration_seconds_count': 110,
      'kafka_send_duration_seconds_sum': 0.35,
      'kafka_send_duration_seconds_bucket{le="0.01"}': 105,
      'kafka_send_duration_seconds_bucket{le="0.025"}': 109,
      'kafka_send_batch_size_sum': 350,
      'nodejs_gc_duration_seconds_sum{kind="minor"}': 1.25,
      'nodejs_gc_duration_seconds_count{kind="minor"}': 50,
      'nodejs_gc_duration_seconds_sum{kind="major"}': 0.01,
      'nodejs_gc_duration_seconds_count{kind="major"}': 1,
      'nodejs_eventloop_lag_p99_seconds': 0.012,
      'nodejs_eventloop_lag_max_seconds': 0.04,
    });
    const evidence = tailEvidenceOf(before, after);
    expect(evidence.sends).toBe(10);
    expect(evidence.sendsOver10Ms).toBe(3);
    expect(evidence.sendsOver25Ms).toBe(1);
    expect(evidence.meanSendMs).toBeCloseTo(15);
    expect(evidence.meanBatchSize).toBe(5);
    expect(evidence.gcMs.minor).toBeCloseTo(250);
    expect(evidence.gcMs.major).toBeCloseTo(10);
    expect(evidence.gcCount).toBe(11);
    // The event loop's histogram is reset at every scrape: the later one alone is the step's.
    expect(evidence.eventLoopDelayP99Ms).toBeCloseTo(12);
    expect(evidence.eventLoopDelayMaxMs).toBeCloseTo(40);
  });
});
