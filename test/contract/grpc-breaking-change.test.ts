/**
 * The breaking-change gate on the gRPC interface, run for real: the .proto
 * generated from a modified copy of the bundled contract, linted by buf and
 * compared by `buf breaking` with contract/baseline/proto/. The policy is
 * docs/VERSIONING.md, "The gRPC interface".
 */
import { describe, expect, it } from 'vitest';
import { bundledSpec, checkBreaking, type Document } from './check-breaking.js';

type Change = (spec: Document) => void;

const order = (spec: Document): Document => spec.components.schemas.ComputerOrder;
const headers = (spec: Document): Document => spec.components.headers;
const BREAKING = 'gRPC interface: BREAKING without a major bump (package major still 1)';

describe('npm run check:breaking, on the gRPC interface', () => {
  it('lints and compares the unchanged interface', async () => {
    const { code, output } = await checkBreaking();
    expect(output).toMatch(/buf 1\.\d+\.\d+ lint, with buf\.yaml's rules:\nno findings/);
    expect(output).toContain("buf breaking --against the baseline, with buf.yaml's rules:\nno breaking change");
    expect(output).toContain('gRPC interface: compatible with the release (package major 1 -> 1)');
    expect(code).toBe(0);
  });

  // Each of these leaves the HTTP API as it was: only the proto changes.
  it.each<[string, Change, string]>([
    [
      'a request field is renumbered',
      (spec) => (order(spec).properties.created_at['x-protobuf-index'] = 6),
      'Previously present field "3" with name "created_at" on message "CreateComputerOrderRequest" was deleted.',
    ],
    [
      'a response field is removed',
      (spec) => delete headers(spec).OrderId['x-protobuf-field'],
      'Previously present field "1" with name "order_id" on message "CreateComputerOrderResponse" was deleted.',
    ],
    [
      "a field's type changes",
      (spec) => (headers(spec).IdempotentReplayed['x-protobuf-field'].type = 'string'),
      'Field "2" with name "replayed" on message "CreateComputerOrderResponse" changed type from "bool" to "string".',
    ],
    [
      'the RPC is removed',
      (spec) => delete spec.paths['/api/v2/orders/computers'].post['x-protobuf-rpc'],
      'Previously present RPC "CreateComputerOrder" on service "ComputerOrderService" was deleted.',
    ],
    [
      'an enum value is renumbered',
      (spec) => (order(spec).properties.equipment['x-protobuf-enum'].values.MONITOR = 5),
      'Previously present enum value "4" on enum "Equipment" was deleted.',
    ],
  ])('fails, naming the change, when %s', async (_change, change, named) => {
    const spec = await bundledSpec();
    change(spec);
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain(named);
    expect(output).toContain(BREAKING);
    expect(output).toContain('HTTP API: compatible');
    expect(code).toBe(1);
  });

  it('fails when a request property is removed, on both interfaces', async () => {
    const spec = await bundledSpec();
    delete order(spec).properties.status;
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('Previously present field "2" with name "status" on message "CreateComputerOrderRequest" was deleted.');
    expect(output).toContain(BREAKING);
    expect(output).toContain('HTTP API: BREAKING without a major bump');
    expect(code).toBe(1);
  });

  it('passes when an optional request property is added with its own number', async () => {
    const spec = await bundledSpec();
    order(spec).properties.note = { type: 'string', maxLength: 200, 'x-protobuf-index': 6 };
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('gRPC interface: compatible with the release (package major 1 -> 1)');
    expect(output).toContain('HTTP API: compatible with the release');
    expect(code).toBe(0);
  });

  it('fails when a property is added without a number, naming it', async () => {
    const spec = await bundledSpec();
    order(spec).properties.note = { type: 'string', maxLength: 200 };
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('note needs a field number from 1 to 536870911');
    expect(output).toContain('gRPC interface: the contract cannot be turned into a .proto (above)');
    expect(code).toBe(1);
  });

  it('fails when the generated .proto breaks the lint rules', async () => {
    const spec = await bundledSpec();
    order(spec).properties.cost__center = { type: 'string', maxLength: 20, 'x-protobuf-index': 6 };
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('Field name "cost__center" should be lower_snake_case, such as "cost_center".');
    expect(output).toContain("gRPC interface: buf lint failed (above): the generated .proto breaks buf.yaml's lint rules");
    expect(code).toBe(1);
  });

  it('passes a breaking change that comes with a new package version', async () => {
    const spec = await bundledSpec();
    spec['x-protobuf'].package = 'computer_orders.v2';
    delete headers(spec).OrderId['x-protobuf-field'];
    const { code, output } = await checkBreaking({ spec });
    expect(output).toContain('Previously present file "computer_orders/v1/computer_orders.proto" was deleted.');
    expect(output).toContain('gRPC interface: breaking, allowed by the major bump (package major 1 -> 2)');
    expect(code).toBe(0);
  });
});
