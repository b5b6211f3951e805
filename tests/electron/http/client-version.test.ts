import { describe, expect, it } from "vitest";
import { preferredLanguage, versionRefusal } from "../../../electron/http/client-version";

describe("X-Client-Version check", () => {
  it("serves the same version and a client that sends none; refuses another, naming both", () => {
    expect(versionRefusal("1.2.0", "1.2.0", undefined)).toBeUndefined();
    expect(versionRefusal(undefined, "1.2.0", undefined)).toBeUndefined();
    expect(versionRefusal("1.1.9", "1.2.0", undefined)).toEqual({
      ok: false,
      error: {
        code: "FORBIDDEN",
        reason: "version_mismatch",
        message: "Ce poste a la version 1.1.9 de Jet Info CRM et le serveur d'équipe la version 1.2.0 : les deux doivent avoir la même version. Adressez-vous à un administrateur.",
      },
    });
  });

  it("quotes what the client sent only as short printable text", () => {
    const refusal = versionRefusal(`9.9\u0000<script>${"x".repeat(100)}`, "1.2.0", "en");
    expect(refusal?.error.message).toMatch(/^This desk runs Jet Info CRM 9\.9\?<script>x{28} and the team server runs 1\.2\.0/);
    expect(versionRefusal("", "1.2.0", "en")?.error.message).toContain("runs Jet Info CRM ? and");
  });

  it("answers in French unless the client prefers English", () => {
    expect(preferredLanguage(undefined)).toBe("fr");
    expect(preferredLanguage("de-CH,de;q=0.9")).toBe("fr");
    expect(preferredLanguage("en-GB,en;q=0.9,fr;q=0.5")).toBe("en");
    expect(preferredLanguage("de-CH, fr;q=0.4, en;q=0.8")).toBe("en");
    expect(preferredLanguage("fr-CH, en;q=0.8")).toBe("fr");
    expect(preferredLanguage("en;q=0, fr;q=0.1")).toBe("fr");
  });
});
