import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";
import { SALUTATIONS, PERSON_LANGUAGES, PHONE_KINDS, INTERACTION_CHANNELS, INTERACTION_PURPOSES } from "../../common/enums";
export { SALUTATIONS, PERSON_LANGUAGES, PHONE_KINDS, INTERACTION_CHANNELS, INTERACTION_PURPOSES } from "../../common/enums";


export const companies = sqliteTable(
  "companies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    phone: text("phone"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    country: text("country").notNull().default("CH"),
    website: text("website"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
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

export const people = sqliteTable(
  "people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    salutation: text("salutation", { enum: SALUTATIONS }),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull(),
    language: text("language", { enum: PERSON_LANGUAGES }).notNull().default("fr"),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    /** Epoch ms of the newest interaction, kept by the write path for the lookup's result rows. */
    lastContactAt: integer("last_contact_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
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

export const phones = sqliteTable(
  "phones",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    e164: text("e164").notNull(),
    /** E.164 digits reversed: "ends with 7353392" becomes an indexed prefix range. */
    digitsReversed: text("digits_reversed").notNull(),
    kind: text("kind", { enum: PHONE_KINDS }).notNull().default("mobile"),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("phones_e164").on(t.e164),
    index("phones_digits_reversed").on(t.digitsReversed),
    uniqueIndex("phones_person_e164").on(t.personId, t.e164),
    check("phones_e164_format", sql`${t.e164} GLOB '+[1-9]*' AND length(${t.e164}) BETWEEN 4 AND 16`),
    check("phones_kind", sql`${t.kind} IN ('mobile','landline','work','home','fax','other')`),
  ],
);

export const emails = sqliteTable(
  "emails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("emails_email").on(t.email),
    uniqueIndex("emails_person_email").on(t.personId, t.email),
    check("emails_email_len", sql`length(${t.email}) BETWEEN 3 AND 254 AND ${t.email} = lower(${t.email})`),
  ],
);

export const addresses = sqliteTable(
  "addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
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


export const interactions = sqliteTable(
  "interactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: INTERACTION_CHANNELS }).notNull(),
    purpose: text("purpose", { enum: INTERACTION_PURPOSES }).notNull(),
    summary: text("summary").notNull().default(""),
    agentId: integer("agent_id").references(() => users.id),
    at: integer("at").notNull(),
    createdAt: integer("created_at").notNull(),
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
export const personHistory = sqliteTable(
  "person_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    userId: integer("user_id").references(() => users.id),
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
