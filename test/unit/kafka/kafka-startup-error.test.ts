import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { KafkaSecurity } from '../../../src/config-kafka-security.js';
import { describeStartupFailure } from '../../../src/kafka/kafka-startup-error.js';

const PASSWORD = 'pa55-w0rd-never-shown';
const security: KafkaSecurity = {
  protocol: 'SASL_SSL',
  tls: { ca: '-----BEGIN CERTIFICATE-----' },
  sasl: { mechanism: 'SCRAM-SHA-512', username: 'api', password: PASSWORD },
};
// kafkajs' typings omit this constructor's message argument.
const SaslError = KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error;
const step = { operation: 'Describe', resource: 'topic "computers"' };
const protocolError = (type: string) => new KafkaJSProtocolError({ type, code: 29, retriable: false, message: `${type} at broker-7.internal:9093` } as never);

describe('describeStartupFailure', () => {
  it('names the username and the settings when SASL authentication fails, never the password', () => {
    const error = describeStartupFailure(new SaslError(`SASL SCRAM SHA512 authentication failed: ${PASSWORD}?`), { security, step });
    expect(error?.message).toBe('Kafka authentication failed for KAFKA_SASL_USERNAME "api" with SCRAM-SHA-512: check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
  });

  it('names the operation, the resource and the principal an ACL denied, even wrapped in exhausted retries', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(protocolError('TOPIC_AUTHORIZATION_FAILED'), { retryCount: 2, retryTime: 100 });
    const error = describeStartupFailure(wrapped, { security, step });
    expect(error?.message).toBe('Kafka denied User:api Describe on topic "computers" (TOPIC_AUTHORIZATION_FAILED): grant Describe on topic "computers"');
    expect(error?.message).not.toContain('broker-7');
  });

  it('says the broker certificate was not trusted by the configured CA', () => {
    const refused = new KafkaJSConnectionError('Connection error: self-signed certificate in certificate chain', { broker: 'broker-7:9093', code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(describeStartupFailure(refused, { security, step })?.message).toMatch(/^Kafka's TLS certificate was not accepted \(SELF_SIGNED_CERT_IN_CHAIN\): it is not signed by the CA in KAFKA_SSL_CA_FILE/);
  });

  it('leaves other failures (an unreachable broker) to the caller', () => {
    expect(describeStartupFailure(new KafkaJSConnectionError('Connection error: ECONNREFUSED', { code: 'ECONNREFUSED' }), { security, step })).toBeUndefined();
  });
});
