/**
 * Fixed loopback ports of the `scale` project, all below Linux's ephemeral
 * range (32768-60999), so no client socket can be holding one.
 */
export const SCALE_PORTS = {
  redis: 26379,
  /** The same Redis, over TLS. */
  redisTls: 26380,
  broker: 26092,
  brokerController: 26093,
  /** The 3-node cluster of the fault scenarios: clients 26094-26096, controllers 26097-26099. */
  clusterBase: 26094,
  clusterControllerBase: 26097,
  /** Per test file: the balancer on base, its stats page on base + 9, replicas on base + 1 to base + 3. */
  retriesStack: 26100,
  faultsStack: 26110,
} as const;
