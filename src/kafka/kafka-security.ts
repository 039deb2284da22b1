/**
 * Turns the configured security settings into kafkajs' `ssl` and `sasl`
 * options. The broker's certificate is always verified: kafkajs passes `ssl`
 * to Node's `tls.connect`, whose `rejectUnauthorized` stays at its default, true.
 */
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaSecurity, SaslMechanism } from '../config-kafka-security.js';

const MECHANISMS: Record<SaslMechanism, 'plain' | 'scram-sha-256' | 'scram-sha-512'> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
};

/**
 * @example
 * new Kafka({ brokers, ...kafkaSecurityOptions(config.kafka.security) });
 */
export function kafkaSecurityOptions({ tls, sasl }: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const saslOptions: SASLOptions | undefined = sasl && {
    mechanism: MECHANISMS[sasl.mechanism],
    username: sasl.username,
    password: sasl.password,
  };
  return {
    ...(tls && { ssl: { ...(tls.ca !== undefined && { ca: [tls.ca] }), ...(tls.cert !== undefined && { cert: tls.cert, key: tls.key }) } }),
    ...(saslOptions && { sasl: saslOptions }),
  };
}
