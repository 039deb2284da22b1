import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults for local development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 16384, maxPendingOrders: 1000 });
    expect(config.kafka).toMatchObject({ brokers: ['127.0.0.1:9092'], topic: 'computers', publishTimeoutMs: 5000, topicPartitions: 3 });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '9000',
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      KAFKA_TOPIC: 'orders.computers',
      KAFKA_TOPIC_PARTITIONS: '6',
      KAFKA_TOPIC_REPLICATION_FACTOR: '3',
      PUBLISH_TIMEOUT_MS: '2500',
      RETRY_AFTER_SECONDS: '2',
      LOG_LEVEL: 'debug',
      MAX_PENDING_ORDERS: '250',
    });
    expect(config.port).toBe(9000);
    expect(config.maxPendingOrders).toBe(250);
    expect(config.logLevel).toBe('debug');
    expect(config.kafka).toMatchObject({
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      topic: 'orders.computers',
      topicPartitions: 6,
      topicReplicationFactor: 3,
      publishTimeoutMs: 2500,
      retryAfterSeconds: 2,
    });
  });

  it('keeps idle connections longer than load balancers keep theirs (60 s), so that the balancer closes them first', () => {
    expect(loadConfig({}).keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '5000' }).keepAliveTimeoutMs).toBe(5000);
  });

  it('keeps cross-origin access closed unless CORS_ORIGINS lists origins', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://shop.example.com, http://127.0.0.1:3000' }).corsOrigins).toEqual(['https://shop.example.com', 'http://127.0.0.1:3000']);
  });

  it('reads API keys and never echoes one in an error', () => {
    expect(loadConfig({ API_KEYS: 'key-one-0123456789, key-two-0123456789' }).auth.apiKeys).toEqual(['key-one-0123456789', 'key-two-0123456789']);
    const refused = (() => {
      try {
        loadConfig({ API_KEYS: 'secret!not-allowed-chars' });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).not.toContain('secret');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535, got "eighty"/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS must be a comma-separated list of host:port/],
    [{ KAFKA_TOPIC: 'bad topic' }, /KAFKA_TOPIC must be a Kafka topic name/],
    [{ PUBLISH_TIMEOUT_MS: '10' }, /PUBLISH_TIMEOUT_MS must be a whole number from 100/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error/],
    [{ API_KEYS: 'short' }, /API_KEYS must be a comma-separated list of keys of 16 to 256 characters/],
    [{ OPEN_ACCESS: 'yes' }, /OPEN_ACCESS must be "true" or "false", got "yes"/],
    [{ CORS_ORIGINS: 'https://shop.example.com/' }, /CORS_ORIGINS must be a comma-separated list of origins.*got "https:\/\/shop.example.com\/"/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS must be a comma-separated list of origins/],
    [{ HEADERS_TIMEOUT_MS: '40000', REQUEST_TIMEOUT_MS: '30000' }, /HEADERS_TIMEOUT_MS \(40000\) must not exceed REQUEST_TIMEOUT_MS/],
    [{ PUBLISH_TIMEOUT_MS: '30000' }, /PUBLISH_TIMEOUT_MS \(30000\) must be less than REQUEST_TIMEOUT_MS \(30000\)/],
  ])('fails fast naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
