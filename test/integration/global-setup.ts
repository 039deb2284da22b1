/**
 * Integration tests use the broker named by KAFKA_BROKERS, or start a
 * throwaway one on a test port and wipe it afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startBroker, stopBroker } from './broker.js';

const TEST_BROKER_PORT = 29092;

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.KAFKA_BROKERS;
  if (given) {
    project.provide('kafkaBrokers', given);
    return;
  }
  project.provide('kafkaBrokers', await startBroker(TEST_BROKER_PORT));
  return async function teardown() {
    await stopBroker(TEST_BROKER_PORT, { wipe: true });
  };
}
