/**
 * Turns a `CreateComputerOrderRequest`'s bytes into the contract's JSON form
 * of the order, which the order contract then checks as it checks an HTTP
 * body. Proto field names are the contract's property names; an enum name
 * maps onto the contract value that it upper-cases (`QUEUED` → `Queued`).
 *
 * protobufjs decodes leniently where HTTP is strict, so the bytes are read
 * once by hand first: a field the message does not declare (protobufjs would
 * drop it, as JSON's unknown properties are refused), a string that is not
 * UTF-8 (it would become U+FFFD) and a field sent with the wrong wire type are
 * each refused with INVALID_ARGUMENT. An enum name the contract lacks
 * (`*_UNSPECIFIED`) or a number outside the enum stays in the JSON form as
 * sent, so the contract's own enum check names the field.
 */
import { isUtf8 } from 'node:buffer';
import { status as Code } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { FieldError } from '../orders/order-contract.js';
import { GrpcRefusal } from './grpc-refusal.js';
import { badRequest } from './status-details.js';

const LENGTH_DELIMITED = 2;
const VARINT = 0;

function invalid(message: string, errors: FieldError[] = []): GrpcRefusal {
  return new GrpcRefusal(Code.INVALID_ARGUMENT, message, errors.length ? [badRequest(errors)] : []);
}

/** The wire types a field may arrive in: strings and packed repeated scalars are length-delimited, enums varints. */
function wireTypesOf(field: protobuf.Field): number[] {
  if (field.resolvedType instanceof protobuf.Enum) return field.repeated ? [VARINT, LENGTH_DELIMITED] : [VARINT];
  return field.type === 'string' || field.type === 'bytes' || field.resolvedType instanceof protobuf.Type ? [LENGTH_DELIMITED] : [VARINT];
}

/** Reads the top-level fields by hand, for what protobufjs would let pass. */
function inspectWire(type: protobuf.Type, bytes: Uint8Array): void {
  const reader = protobuf.Reader.create(bytes);
  const errors: FieldError[] = [];
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const number = tag >>> 3;
      const wireType = tag & 7;
      const field = type.fieldsById[number];
      if (!field) {
        errors.push({ location: 'body', pointer: `/${number}`, message: `is not a field of ${type.name} (field number ${number})` });
        reader.skipType(wireType);
      } else if (!wireTypesOf(field).includes(wireType)) {
        throw invalid(`Field ${field.name} (${number}) arrived with wire type ${wireType}: the bytes are not a valid ${type.name}.`);
      } else if (field.type === 'string') {
        if (!isUtf8(reader.bytes())) errors.push({ location: 'body', pointer: `/${field.name}`, message: 'is not valid UTF-8' });
      } else reader.skipType(wireType);
    }
  } catch (err) {
    if (err instanceof GrpcRefusal) throw err;
    throw invalid(`The bytes are not a valid ${type.name}.`);
  }
  if (errors.length) throw invalid(`The request is not a valid ${type.name}: ${errors.map((e) => `${e.pointer} ${e.message}`).join(', ')}.`, errors);
}

/**
 * @example
 * const toJson = createRequestDecoder({ type: proto.request, enums: orders.computerOrderEnums });
 * orders.checkComputerOrder(toJson(bytes));
 */
export function createRequestDecoder({ type, enums }: { type: protobuf.Type; enums: Readonly<Record<string, readonly string[]>> }) {
  type.resolveAll();
  // Each proto enum name to the contract value it upper-cases, per field.
  const valueOf = new Map<string, Map<string, string>>();
  for (const field of type.fieldsArray) {
    const values = enums[field.name];
    if (field.resolvedType instanceof protobuf.Enum && values) {
      valueOf.set(field.name, new Map(values.map((value) => [value.toUpperCase(), value])));
    }
  }
  function jsonOf(field: protobuf.Field, value: unknown): unknown {
    const names = valueOf.get(field.name);
    if (!names || !(field.resolvedType instanceof protobuf.Enum)) return value;
    const name = field.resolvedType.valuesById[value as number];
    // Outside the enum (a newer client's value, or a hostile one): kept as the number's text, for the contract to refuse.
    return name === undefined ? String(value) : (names.get(name) ?? name);
  }

  return function toContractJson(bytes: Uint8Array): Record<string, unknown> {
    inspectWire(type, bytes);
    let message: protobuf.Message;
    try {
      message = type.decode(bytes);
    } catch {
      throw invalid(`The bytes are not a valid ${type.name}.`);
    }
    const order: Record<string, unknown> = {};
    for (const field of type.fieldsArray) {
      // Own properties only: protobufjs keeps proto3 defaults on the prototype, and an optional field's presence matters.
      if (!Object.hasOwn(message, field.name)) continue;
      const value = (message as unknown as Record<string, unknown>)[field.name];
      order[field.name] = field.repeated ? (value as unknown[]).map((item) => jsonOf(field, item)) : jsonOf(field, value);
    }
    // proto3 cannot tell an empty repeated field from an absent one: both are the contract's empty list.
    for (const field of type.fieldsArray) if (field.repeated && !(field.name in order)) order[field.name] = [];
    return order;
  };
}
