import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Dialect, Engine } from "../../db/engine";
import { createCompany, getCompany, requireCompany, searchCompanies, updateCompany } from "../../db/companies";
import { ENGINES, freshEngines } from "../fixtures/engines";
import { insertPerson } from "../fixtures/people-rows";

// Companies: the picker's prefix search, the company card with its people, and versioned edits.

const fresh = freshEngines();

async function open(kind: Dialect): Promise<Engine> {
  const test = await fresh(kind);
  return test.engine;
}

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

describe.each(ENGINES)("companies on %s", (kind) => {
  it("creates a company with its defaults and edits it under its version: a stale edit is a CONFLICT on the version field", async () => {
    const engine = await open(kind);
    const created = await engine.transaction("write", (tx) => createCompany(tx, { name: "Horlogerie Favre SA", city: "Genève", website: "https://favre.example" }, NOW));
    expect(created).toEqual({ id: expect.any(Number), name: "Horlogerie Favre SA", phone: null, street: null, postalCode: null, city: "Genève", country: "CH", website: "https://favre.example", createdAt: NOW, updatedAt: NOW, version: 1 });

    // A field left out keeps its value; a null one is cleared.
    const updated = await engine.transaction("write", (tx) => updateCompany(tx, created.id, 1, { name: "Favre & Fils SA", website: null, postalCode: "1202" }, NOW + 1));
    expect(updated).toMatchObject({ name: "Favre & Fils SA", city: "Genève", website: null, postalCode: "1202", updatedAt: NOW + 1, version: 2 });
    await expect(engine.transaction("write", (tx) => updateCompany(tx, created.id, 1, { city: "Lausanne" }, NOW + 2))).rejects.toMatchObject({ code: "CONFLICT", reason: "stale", field: "version" });
    await expect(engine.transaction("write", (tx) => updateCompany(tx, created.id + 100, 1, { city: "Lausanne" }, NOW + 2))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(engine.transaction("read", (tx) => requireCompany(tx, created.id + 100))).rejects.toMatchObject({ code: "NOT_FOUND", field: "companyId" });
    await expect(engine.transaction("read", (tx) => requireCompany(tx, null))).resolves.toBeUndefined();
  });

  it("shows its people by name and their error reports newest first", async () => {
    const engine = await open(kind);
    const company = await engine.transaction("write", (tx) => createCompany(tx, { name: "Horlogerie Favre SA" }, NOW));
    const [rochat, dupont] = await engine.transaction("write", async (tx) => {
      const ids = [await insertPerson(tx, "Léa", "Rochat"), await insertPerson(tx, "Jean", "Dupont"), await insertPerson(tx, "Anna", "Müller")];
      await tx.run(sql`UPDATE people SET company_id = ${company.id} WHERE id IN (${ids[0]}, ${ids[1]})`);
      const product = (await tx.one<{ id: number }>(sql`INSERT INTO products (name) VALUES (${"Jet Caisse"}) RETURNING id`))!.id;
      await tx.run(
        sql`INSERT INTO error_reports (reference, person_id, product_id, title, status, severity, created_at, updated_at)
            VALUES (${"ER-2026-00001"}, ${ids[0]}, ${product}, ${"Écran noir"}, ${"new"}, ${"high"}, ${NOW}, ${NOW}),
                   (${"ER-2026-00002"}, ${ids[1]}, ${product}, ${"Lenteur"}, ${"new"}, ${"low"}, ${NOW + 1}, ${NOW + 1})`,
      );
      return ids;
    });
    const detail = await engine.transaction("read", (tx) => getCompany(tx, company.id));
    expect(detail.people).toEqual([
      { id: dupont, firstName: "Jean", lastName: "Dupont", lastContactAt: null },
      { id: rochat, firstName: "Léa", lastName: "Rochat", lastContactAt: null },
    ]);
    expect(detail.reports.map((r) => [r.reference, r.personId, r.reporter])).toEqual([
      ["ER-2026-00002", dupont, "Jean Dupont"],
      ["ER-2026-00001", rochat, "Léa Rochat"],
    ]);
  });

  it("finds companies by the beginning of their name, whatever its case, and takes % and _ as plain text", async () => {
    const engine = await open(kind);
    await engine.transaction("write", async (tx) => {
      for (const name of ["Horlogerie Favre SA", "HORLOGERIE du Rhône", "Favre Horlogerie", "100% Bio Sàrl", "1000 Fleurs", "O'Neil & Co"]) await createCompany(tx, { name, city: "Genève" }, NOW);
    });
    const names = async (q: string) => (await engine.transaction("read", (tx) => searchCompanies(tx, q))).map((c) => c.name);
    expect(await names("horl")).toEqual(["HORLOGERIE du Rhône", "Horlogerie Favre SA"]);
    expect(await names("  HORLOGERIE F")).toEqual(["Horlogerie Favre SA"]);
    expect(await names("100%")).toEqual(["100% Bio Sàrl"]);
    expect(await names("1_0")).toEqual([]);
    expect(await names("o'n")).toEqual(["O'Neil & Co"]);
    expect(await names("zz")).toEqual([]);
    expect((await engine.transaction("read", (tx) => searchCompanies(tx, "horl", 1))).length).toBe(1);
  });
});
