import { launchBrowser, openPage, startApp } from "./harness";

const app = await startApp();
const browser = await launchBrowser();
try {
  const admin = await app.api.createAdmin("admin", "correct horse battery", "Claire Admin");
  await app.api.createUser(admin, { username: "alice", displayName: "Alice Agent", role: "agent", password: "agent password 1" });
  const agent = await app.api.login("alice", "agent password 1");
  await app.api.value("products.save", { name: "JetCompta", versions: ["5.2", "5.1"] }, admin);
  await app.api.value("products.save", { name: "JetPaie", versions: [] }, admin);
  const person = await app.api.value<{ id: number }>("people.create", { firstName: "Jean", lastName: "Dupont", phones: [{ number: "079 123 45 67" }] }, agent);
  const { page } = await openPage(browser);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill("admin");
  await page.getByRole("textbox", { name: "Mot de passe" }).fill("correct horse battery");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
  await page.evaluate(() => (window.location.hash = "#/admin/products"));
  await page.getByRole("button", { name: "Nouveau produit" }).click();
  await page.waitForTimeout(500);
  console.log(await page.getByRole("dialog").ariaSnapshot());
  await page.keyboard.press("Escape");
  await page.evaluate((id) => (window.location.hash = `#/reports/new?personId=${id}`), person.id);
  await page.getByRole("button", { name: "Enregistrer le rapport" }).click();
  await page.waitForTimeout(800);
  console.log(await page.locator("main").ariaSnapshot());
  await page.screenshot({ path: "/tmp/rx/form-errors.png" });
} finally {
  await browser.close();
  await app.stop();
}
