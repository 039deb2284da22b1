/**
 * (d) The baseline, for comparison only: what the original Flask service
 * did, in TypeScript. Every request creates a Kafka producer, connects it,
 * sends the body with acks=all, waits, disconnects, then answers 202.
 * Never do this: it is here to be measured against.
 */
import express from 'express';
import { Kafka, logLevel } from 'kafkajs';
import { ORDER_PATH } from '../order-body.js';
import { listenOnLoopback, serveTarget } from './serve-target.js';

serveTarget(async () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topic = process.env.KAFKA_TOPIC ?? 'computers';
  const app = express();
  app.use(express.json());
  app.post(ORDER_PATH, async function createOrderTheOldWay(req, res) {
    const producer = new Kafka({ clientId: 'naive-orders', brokers, logLevel: logLevel.NOTHING }).producer();
    try {
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ value: JSON.stringify(req.body) }] });
      res.status(202).end();
    } catch {
      res.status(503).end();
    } finally {
      await producer.disconnect().catch(() => {});
    }
  });
  return listenOnLoopback((port, host) => app.listen(port, host));
});
