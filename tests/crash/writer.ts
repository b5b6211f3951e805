// A desk that writes until it is killed: opens the data folder with the real host, logs in and
// writes through the real dispatcher, printing each acknowledged write as `ack <table> <id>`
// (only after the dispatcher answered ok, so after its commit). With `--exports` or `--backups`
// it also starts exports and backups, so a kill can land while their files are being written.
// Run by tests/crash/trials.ts, bundled like the app (CommonJS, the export worker beside it), so a
// trial starts in a fraction of a second; never on data of its own.
import { openHost } from "../../electron/host";

const [dataArg, migrationsArg, seedArg, ...flags] = process.argv.slice(2);
if (!dataArg || !migrationsArg) throw new Error("usage: writer.cjs <data folder> <migrations folder> <seed> [--exports] [--backups]");
const dataDir: string = dataArg;
const withExports = flags.includes("--exports");
const withBackups = flags.includes("--backups");
const PASSWORD = "crash-password-1";

// A small deterministic generator: a trial can be replayed from its seed.
let state = Number(seedArg ?? 1) >>> 0 || 1;
const random = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);

/** Names take letters only: the write number spelled in letters (0 → a, 27 → bb). */
const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const host = openHost({ dataDir, migrationsDir: migrationsArg!, scheduleBackups: false });
  const { dispatch, sessions } = host.dispatcher;
  const call = async (name: string, input: unknown, sessionId?: string): Promise<any> => {
    const r = await dispatch(name, input, { sessionId });
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const setup = (await call("setup.status", {})) as { needsAdmin: boolean };
  // The first trial creates the account; later ones open a session for it directly (a login's
  // password hash would cost more than the trial's writes).
  const adminId = host.db.sqlite.prepare("SELECT id FROM users WHERE username = 'crash'").pluck().get() as number | undefined;
  const sessionId: string = setup.needsAdmin || adminId === undefined
    ? (await call("setup.createAdmin", { username: "crash", displayName: "Crash Test", password: PASSWORD })).sessionId
    : sessions.create(adminId, Date.now()).id;
  let productId = host.db.sqlite.prepare("SELECT id FROM products ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  productId ??= (await call("products.save", { name: "Jet Compta", versions: ["5.3"] }, sessionId)).id as number;
  const people: number[] = host.db.sqlite.prepare("SELECT id FROM people ORDER BY id DESC LIMIT 50").pluck().all() as number[];
  out("ready");

  for (let n = 0; ; n++) {
    // One request per turn of the event loop, as requests arrive at a desk: the export workers'
    // messages and the backup's steps are handled in between.
    await new Promise((resolve) => setImmediate(resolve));
    const pick = random();
    if (withBackups && n % 10 === 3) {
      const made = await call("backups.create", {}, sessionId);
      out(`backup ${made.name}`);
    } else if (withExports && n % 30 === 2) {
      const job = await call("exports.start", { recordSet: "people", format: pick < 0.5 ? "csv" : "xlsx" }, sessionId);
      out(`export ${job.id}`);
    } else if (pick < 0.35 || people.length === 0) {
      const person = await call("people.create", { lastName: `Müller-${letters(n)}`, firstName: "Zoé", phones: [{ number: `+41 79 ${String(100 + (n % 900))} ${String(10 + (n % 90))} ${String(10 + ((n * 7) % 90))}` }], emails: [{ email: `p${n}.${state}@example.ch` }] }, sessionId);
      people.push(person.id);
      out(`ack people ${person.id}`);
    } else if (pick < 0.6) {
      const personId = people[Math.floor(random() * people.length)]!;
      const report = await call("reports.create", { personId, productId, title: `Erreur ${n} 👩‍💻`, description: "x".repeat(Math.floor(random() * 4000)) }, sessionId);
      out(`ack error_reports ${report.id}`);
    } else if (pick < 0.85) {
      const personId = people[Math.floor(random() * people.length)]!;
      await call("interactions.log", { personId, channel: "call_in", purpose: "information", summary: `Appel ${n}` }, sessionId);
      const id = host.db.sqlite.prepare("SELECT max(id) FROM interactions WHERE person_id = ?").pluck().get(personId) as number;
      out(`ack interactions ${id}`);
    } else {
      const company = await call("companies.create", { name: `Société ${n}`, city: "Genève" }, sessionId);
      out(`ack companies ${company.id}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
