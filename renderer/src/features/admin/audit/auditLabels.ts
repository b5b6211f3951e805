import type { TFunction } from "i18next";

/**
 * Human names for what the audit log stores as codes (operation names, entity types, field
 * names). A code this version does not know yet is shown as it is rather than hidden.
 */
function labelOr(t: TFunction, key: string, fallback: string): string {
  return t(key as never, { defaultValue: fallback }) as string;
}

export function operationLabel(t: TFunction, operation: string): string {
  return labelOr(t, `operations.${operation}`, operation);
}

export function entityLabel(t: TFunction, entityType: string): string {
  return labelOr(t, `entities.${entityType}`, entityType);
}

export function fieldsLabel(t: TFunction, fields: readonly string[]): string {
  return fields.map((field) => labelOr(t, `fieldNames.${field}`, field)).join(", ");
}
