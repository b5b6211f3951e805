import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { SALUTATIONS, PERSON_LANGUAGES, PHONE_KINDS, INTERACTION_CHANNELS, INTERACTION_PURPOSES } from "../../../common/enums";
import { id, int8, textC } from "./columns";
import { users } from "./users";

export const companies = pgTable(
  "companies",
  {
    id: id(),
    name: text("name").notNull(),
    phone: text("phone"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country").notNull().default("CH"),
    website: text("website"),
    createdAt: int8("created_at").notNull(),
    updatedAt: int8("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("companies_name_lower").on(sql`lower(${t.name})`),
    check("companies_name_len", sql`length(${t.name}) BETWEEN 1 AND 200`),
    check("companies_phone_len", sql`length(${t.phone}) <= 16`),
    check("companies_street_len", sql`length(${t.street}) <= 200`),
    check("companies_postal_code_len", sql`length(${t.postalCode}) <= 12`),
    check("companies_city_len", sql`length(${t.city}) <= 100`),
    check("companies_country_len", sql`length(${t.country}) = 2`),
    check("companies_website_len", sql`length(${t.website}) <= 300`),
  ],
);

export const people = pgTable(
  "people",
  {
    id: id(),
    salutation: text("salutation", { enum: SALUTATIONS }),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull(),
    language: text("language", { enum: PERSON_LANGUAGES }).notNull().default("fr"),
    companyId: int8("company_id").references(() => companies.id, { onDelete: "set null" }),
    /** Epoch ms of the newest interaction, kept by the write path for the lookup's result rows. */
    lastContactAt: int8("last_contact_at"),
    createdAt: int8("created_at").notNull(),
    updatedAt: int8("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("people_company").on(t.companyId),
    index("people_last_contact").on(t.lastContactAt),
    // Duplicate detection compares names case-insensitively.
    index("people_last_name_lower").on(sql`lower(${t.lastName})`),
    check("people_salutation", sql`${t.salutation} IS NULL OR ${t.salutation} IN ('ms','mr','mx')`),
    check("people_language", sql`${t.language} IN ('fr','de','en','it')`),
    check("people_first_name_len", sql`length(${t.firstName}) <= 100`),
    check("people_last_name_len", sql`length(${t.lastName}) BETWEEN 1 AND 100`),
  ],
);

export const phones = pgTable(
  "phones",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Range-searched (a number's beginning): byte order, see textC. */
    e164: textC("e164").notNull(),
    /** E.164 digits reversed: "ends with 7353392" becomes an indexed prefix range (byte order too). */
    digitsReversed: textC("digits_reversed").notNull(),
    kind: text("kind", { enum: PHONE_KINDS }).notNull().default("mobile"),
    isPrimary: boolean("is_primary").notNull().default(false),
  },
  (t) => [
    index("phones_e164").on(t.e164),
    index("phones_digits_reversed").on(t.digitsReversed),
    uniqueIndex("phones_person_e164").on(t.personId, t.e164),
    // SQLite: e164 GLOB '+[1-9]*'.
    check("phones_e164_format", sql`${t.e164} ~ '^\\+[1-9]' AND length(${t.e164}) BETWEEN 4 AND 16`),
    check("phones_kind", sql`${t.kind} IN ('mobile','landline','work','home','fax','other')`),
  ],
);

export const emails = pgTable(
  "emails",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Range-searched (an address's beginning): byte order, see textC. */
    email: textC("email").notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
  },
  (t) => [
    index("emails_email").on(t.email),
    uniqueIndex("emails_person_email").on(t.personId, t.email),
    check("emails_email_len", sql`length(${t.email}) BETWEEN 3 AND 254 AND ${t.email} = lower(${t.email})`),
  ],
);

export const addresses = pgTable(
  "addresses",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    street: text("street").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    city: text("city").notNull(),
    country: text("country").notNull().default("CH"),
  },
  (t) => [
    index("addresses_person").on(t.personId),
    index("addresses_postal_code").on(t.postalCode),
    check("addresses_street_len", sql`length(${t.street}) <= 200`),
    check("addresses_postal_code_len", sql`length(${t.postalCode}) <= 12`),
    check("addresses_city_len", sql`length(${t.city}) BETWEEN 1 AND 100`),
    check("addresses_country_len", sql`length(${t.country}) = 2`),
  ],
);

export const interactions = pgTable(
  "interactions",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: INTERACTION_CHANNELS }).notNull(),
    purpose: text("purpose", { enum: INTERACTION_PURPOSES }).notNull(),
    summary: text("summary").notNull().default(""),
    agentId: int8("agent_id").references(() => users.id),
    at: int8("at").notNull(),
    createdAt: int8("created_at").notNull(),
  },
  (t) => [
    index("interactions_person_at").on(t.personId, t.at),
    index("interactions_purpose_at").on(t.purpose, t.at),
    check("interactions_channel", sql`${t.channel} IN ('call_in','call_out','email','web_form','letter','visit')`),
    check("interactions_purpose", sql`${t.purpose} IN ('information','error_report','training','comment','data_protection','other')`),
    check("interactions_summary_len", sql`length(${t.summary}) <= 4000`),
  ],
);

/** Old and new values of every correction, for the rectification history; erased with the person. */
export const personHistory = pgTable(
  "person_history",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    at: int8("at").notNull(),
    userId: int8("user_id").references(() => users.id),
    field: text("field").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
  },
  (t) => [
    index("person_history_person_at").on(t.personId, t.at),
    check("person_history_field_len", sql`length(${t.field}) <= 100`),
    check("person_history_old_len", sql`length(${t.oldValue}) <= 4000`),
    check("person_history_new_len", sql`length(${t.newValue}) <= 4000`),
  ],
);
