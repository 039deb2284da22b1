/**
 * Where the machine's CPUs went during one load: the service, the broker,
 * the load generator, everything else, the hypervisor's steal, and idle.
 * The rows add up to the CPUs the machine has, so an open-loop step whose
 * idle row is near 0 ran on a saturated machine, whatever the service did.
 *
 * Read from /proc: the first line of /proc/stat for the machine, and
 * /proc/<pid>/stat for the processes. A load generator that runs inside
 * this process (the fixed-rate client) is this process's own time; one
 * that runs as a waited-for child (vegeta) is this process's children's time.
 */
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { cpuSecondsOf, TICKS_PER_SECOND, waitedChildrenCpuSeconds } from './target-process.js';

/** Shares of the machine, in CPUs (their sum is the number of CPUs). */
export interface CpuShare {
  seconds: number;
  service: number;
  /** The part of `service` its main thread used (the one that runs JavaScript): near 1, it is saturated. */
  serviceMainThread: number;
  broker: number;
  generator: number;
  other: number;
  steal: number;
  idle: number;
}

/** Busy, steal and idle seconds of all CPUs together, from /proc/stat. */
function machineSeconds(): { busy: number; steal: number; idle: number } {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const seconds = (ticks: number) => ticks / TICKS_PER_SECOND;
  return { busy: seconds(user! + nice! + system! + irq! + softirq!), steal: seconds(steal!), idle: seconds(idle! + iowait!) };
}

export type Generator = 'this process' | 'children';

/**
 * Starts counting; the returned function stops and gives the shares.
 *
 * @example
 * const stop = startCpuShare({ servicePid, brokerPid, generator: 'children' });
 * runVegeta({ url, rate, seconds });
 * console.log(stop().idle); // CPUs left idle during the attack
 */
export function startCpuShare({ servicePid, brokerPid, generator }: { servicePid: number; brokerPid?: number; generator: Generator }): () => CpuShare {
  const generatorSeconds = generator === 'children' ? waitedChildrenCpuSeconds : () => cpuSecondsOf(process.pid);
  const read = () => ({
    at: performance.now(),
    machine: machineSeconds(),
    service: cpuSecondsOf(servicePid),
    serviceMainThread: cpuSecondsOf(servicePid, servicePid),
    broker: brokerPid === undefined ? 0 : cpuSecondsOf(brokerPid),
    generator: generatorSeconds(),
  });
  const before = read();
  return function stopCpuShare(): CpuShare {
    const after = read();
    const seconds = (after.at - before.at) / 1000;
    // Seconds of CPU per second of wall time: CPUs.
    const cpusOf = (used: number) => used / seconds;
    const service = cpusOf(after.service - before.service);
    const broker = cpusOf(after.broker - before.broker);
    const generatorCpus = cpusOf(after.generator - before.generator);
    const busy = cpusOf(after.machine.busy - before.machine.busy);
    return {
      seconds,
      service,
      serviceMainThread: cpusOf(after.serviceMainThread - before.serviceMainThread),
      broker,
      generator: generatorCpus,
      other: Math.max(0, busy - service - broker - generatorCpus),
      steal: cpusOf(after.machine.steal - before.machine.steal),
      idle: cpusOf(after.machine.idle - before.machine.idle),
    };
  };
}

/** `service 1.10, broker 0.30, …` in CPUs, for the log. */
export const describeCpuShare = (share: CpuShare): string =>
  `CPUs (of ${cpus().length}): service ${share.service.toFixed(2)} (main thread ${share.serviceMainThread.toFixed(2)}), broker ${share.broker.toFixed(2)}, load generator ${share.generator.toFixed(2)}, other ${share.other.toFixed(2)}, steal ${share.steal.toFixed(2)}, idle ${share.idle.toFixed(2)}`;
