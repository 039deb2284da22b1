import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isKafkaError, kafkaErrorCode } from '../../../src/kafka/kafka-errors.js';

describe('kafkaErrorCode', () => {
  it('names what went wrong inside kafkajs’ retry wrapper, without its text', () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 10.0.0.7:9092'), { retryCount: 5, retryTime: 9000 });
    expect(kafkaErrorCode(exhausted)).toBe('KafkaJSConnectionError');
  });

  it('prefers the Kafka error code the broker sent', () => {
    const denied = new KafkaJSProtocolError(Object.assign(new Error('Not authorized'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29 }));
    expect(kafkaErrorCode(denied)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('tells kafkajs’ errors from ours', () => {
    expect(isKafkaError(new KafkaJSConnectionError('Connection error'))).toBe(true);
    expect(isKafkaError(new TypeError('x is undefined'))).toBe(false);
  });
});
