import { describe, expect, it } from 'vitest';
import { kafkaSecurityOptions } from '../../../src/kafka/kafka-security.js';

describe('kafkaSecurityOptions', () => {
  it('passes nothing for PLAINTEXT', () => {
    expect(kafkaSecurityOptions({ protocol: 'PLAINTEXT' })).toEqual({});
  });

  it('maps SASL_SSL with SCRAM to kafkajs, keeping certificate verification on', () => {
    const options = kafkaSecurityOptions({
      protocol: 'SASL_SSL',
      tls: { ca: 'CA PEM' },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'api', password: 'secret' },
    });
    expect(options).toEqual({ ssl: { ca: ['CA PEM'] }, sasl: { mechanism: 'scram-sha-512', username: 'api', password: 'secret' } });
    expect(options.ssl).not.toHaveProperty('rejectUnauthorized');
  });

  it('uses the system CAs when no CA file is given, and the client certificate for mutual TLS', () => {
    expect(kafkaSecurityOptions({ protocol: 'SSL', tls: { cert: 'CERT', key: 'KEY' } })).toEqual({ ssl: { cert: 'CERT', key: 'KEY' } });
    expect(kafkaSecurityOptions({ protocol: 'SASL_SSL', tls: {}, sasl: { mechanism: 'PLAIN', username: 'key', password: 'secret' } }).ssl).toEqual({});
  });
});
