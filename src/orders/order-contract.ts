/**
 * The one place that knows the contract's order schemas: `ComputerOrder` and
 * `LegacyComputerOrder` from the bundled `openapi.yaml`, compiled once, and
 * the rules beyond them that are raised while the event is built (the
 * `created_at` checks). Every front end (HTTP, gRPC) checks an order's JSON
 * form here and reports the same fields with the same messages.
 *
 * The compiler is configured as express-openapi-validator configures its
 * request validator (Ajv 2020 for OpenAPI 3.1, all errors, `fast` formats,
 * defaults filled in), and messages are written as it writes them (enum
 * errors list the allowed values; the detail is Ajv's text with the data
 * called `request/body`), so the HTTP answers stayed what they were when that
 * middleware checked the bodies itself.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { components } from '../../generated/openapi.js';
import { InvalidDateTimeError } from './created-at.js';
import type { ComputerOrder, LegacyComputerOrder } from './order-event.js';

export type FieldError = components['schemas']['FieldError'];

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** An order whose JSON form breaks the contract's schema or a rule beyond it; a 400 on HTTP, INVALID_ARGUMENT on gRPC. */
export class OrderValidationError extends Error {
  override name = 'OrderValidationError';
  readonly status = 400;
  constructor(
    detail: string,
    readonly errors: FieldError[],
  ) {
    super(detail);
  }
}

// Ajv quotes a failed pattern whole; created_at's spells out the calendar and is
// longer than a whole answer should be. A long one is named, not quoted.
const LONG_PATTERN = /must match pattern "((?:[^"\\]|\\.){81,})"/g;
export const readableMessage = (message: string): string =>
  message.replace(LONG_PATTERN, 'must match the pattern that the contract (openapi.yaml) gives this field');

/** Where Ajv's error points: the offending property, also for a missing or an unknown one. */
function pointerOf({ instancePath, keyword, params }: ErrorObject): string {
  const named = keyword === 'required' ? params.missingProperty : keyword === 'additionalProperty' || keyword === 'additionalProperties' ? params.additionalProperty : undefined;
  return typeof named === 'string' ? `${instancePath}/${named}` : instancePath || '/';
}

function messageOf({ keyword, message = 'is invalid', params }: ErrorObject): string {
  const allowed = keyword === 'enum' ? (params as { allowedValues?: unknown[] }).allowedValues : undefined;
  return allowed ? `${message}: ${allowed.join(', ')}` : message;
}

function toValidationError(errors: ErrorObject[]): OrderValidationError {
  const detail = errors.map((error) => `request/body${error.instancePath} ${messageOf(error)}`).join(', ');
  const fields = errors.map((error): FieldError => ({ location: 'body', pointer: pointerOf(error), message: readableMessage(messageOf(error)) }));
  return new OrderValidationError(readableMessage(detail), fields);
}

/**
 * The order rules raised while the event is built, as field errors: `undefined`
 * for any other error. Both front ends map these the same way.
 */
export function orderRuleViolation(err: unknown): OrderValidationError | undefined {
  if (err instanceof InvalidDateTimeError) {
    return new OrderValidationError(err.message, [{ location: 'body', pointer: '/created_at', message: err.message }]);
  }
  return undefined;
}

export interface OrderContract {
  /** Returns `body` as a v2 order, its schema's defaults filled in; throws {@link OrderValidationError} unless it is one. */
  checkComputerOrder(body: unknown): ComputerOrder;
  /** The same for the original path's orders. */
  checkLegacyComputerOrder(body: unknown): LegacyComputerOrder;
  /** The v2 order's enum values, by property: what a front end maps its own enum names onto. */
  readonly computerOrderEnums: Readonly<Record<'status' | 'equipment', readonly string[]>>;
}

/**
 * @example
 * const orders = createOrderContract(loadContract().document);
 * orders.checkComputerOrder({ created_by: 'USER14', equipment: ['MOUSE'] });
 */
export function createOrderContract(document: Record<string, unknown>): OrderContract {
  const components = structuredClone(document.components) as { schemas: Record<string, Record<string, unknown>> };
  const ajv = new Ajv2020({ allErrors: true, strict: false, strictNumbers: true, strictTuples: true, useDefaults: true, validateSchema: false });
  addFormats(ajv, { mode: 'fast' });
  // The components under the contract's own id, so `#/components/schemas/...` references resolve.
  ajv.addSchema({ $id: 'openapi', components }, 'openapi');
  const compile = (name: string): ValidateFunction => ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
  const v2 = compile('ComputerOrder');
  const legacy = compile('LegacyComputerOrder');

  const schemas = components.schemas;
  const enumOf = (schema: Record<string, unknown> | undefined): string[] => {
    const ref = typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
    const resolved = ref ? schemas[ref] : schema;
    if (resolved?.type === 'array') return enumOf(resolved.items as Record<string, unknown>);
    return (resolved?.enum as string[] | undefined) ?? [];
  };
  const v2Properties = (schemas.ComputerOrder?.properties ?? {}) as Record<string, Record<string, unknown>>;

  function check<T>(validate: ValidateFunction, body: unknown): T {
    if (!validate(body)) throw toValidationError(validate.errors ?? []);
    return body as T;
  }
  return {
    checkComputerOrder: (body) => check<ComputerOrder>(v2, body),
    checkLegacyComputerOrder: (body) => check<LegacyComputerOrder>(legacy, body),
    computerOrderEnums: { status: enumOf(v2Properties.status), equipment: enumOf(v2Properties.equipment) },
  };
}
