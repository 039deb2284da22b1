/**
 * Why the service could not start against Kafka, in one line an operator can
 * act on: which setting, which operation on which resource for which
 * principal. Never the password, never kafkajs' own text (it names hosts).
 */
import { principalOf, type KafkaSecurity } from '../config-kafka-security.js';
import { authorizationFailure, isAuthenticationFailure, tlsFailure } from './kafka-errors.js';

export class KafkaStartupError extends Error {
  override name = 'KafkaStartupError';
}

/** What start-up was doing when it failed: the operation and resource an ACL may have denied. */
export interface StartupStep {
  operation: string;
  resource: string;
  /** The ACL that allows the step, when it is not `operation` on `resource` itself. */
  grant?: string;
}

/**
 * @example
 * throw describeStartupFailure(err, { security, step: { operation: 'Describe', resource: 'topic "computers"' } });
 */
export function describeStartupFailure(err: unknown, { security, step }: { security: KafkaSecurity; step: StartupStep }): KafkaStartupError | undefined {
  if (isAuthenticationFailure(err) && security.sasl) {
    const { mechanism, username } = security.sasl;
    return new KafkaStartupError(
      `Kafka authentication failed for KAFKA_SASL_USERNAME "${username}" with ${mechanism}: check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`,
    );
  }
  const denied = authorizationFailure(err);
  if (denied) {
    const grant = step.grant ?? `${step.operation} on ${step.resource}`;
    return new KafkaStartupError(`Kafka denied ${principalOf(security)} ${step.operation} on ${step.resource} (${denied}): grant ${grant}`);
  }
  const tls = tlsFailure(err);
  if (tls) {
    const trust = security.tls?.ca ? 'the CA in KAFKA_SSL_CA_FILE' : "the system's CAs (set KAFKA_SSL_CA_FILE)";
    return new KafkaStartupError(`Kafka's TLS certificate was not accepted (${tls}): it is not signed by ${trust}, or does not name the broker`);
  }
  return undefined;
}
