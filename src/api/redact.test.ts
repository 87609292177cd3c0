import { describe, expect, it } from "vitest";
import { siteIdOf } from "./integrations/ha-discovery.js";
import { redactConfig } from "./redact.js";

describe("redactConfig", () => {
  it("hides credentials and passwords in URLs, keeps everything else", () => {
    expect(
      redactConfig({
        storage: { postgresUrl: "postgres://gm:s3cret@db:5432/gm" },
        signals: {
          mqtt: { url: "mqtt://127.0.0.1:1883", username: "site", password: "p" },
          openadr3: { clientSecret: "x" },
        },
        fleet: { groups: [{ targets: ["127.0.1.1-9"] }] },
      }),
    ).toEqual({
      storage: { postgresUrl: "postgres://gm:***@db:5432/gm" },
      signals: {
        mqtt: { url: "mqtt://127.0.0.1:1883", username: "site", password: "[redacted]" },
        openadr3: { clientSecret: "[redacted]" },
      },
      fleet: { groups: [{ targets: ["127.0.1.1-9"] }] },
    });
  });

  it("makes Home Assistant object ids from site names", () => {
    expect(siteIdOf("Kyushu pilot (emulated)")).toBe("kyushu_pilot_emulated");
    expect(siteIdOf("!!!")).toBe("site");
  });
});
