import { describe, expect, it } from "vitest";
import { readCookie, sessionCookie } from "../http/cookies.js";
import { LoginLimiter } from "./login-limiter.js";
import { parseApiToken } from "./secrets.js";

describe("LoginLimiter", () => {
  it("blocks the sixth attempt within the window and says for how long", () => {
    const l = new LoginLimiter({ windowMs: 900_000, perKey: 5, perAddress: 20 });
    for (let i = 0; i < 5; i++) {
      expect(l.retryAfterS("ana", "1.2.3.4", i * 1000)).toBe(0);
      l.fail("ana", "1.2.3.4", i * 1000);
    }
    expect(l.retryAfterS("ana", "1.2.3.4", 5000)).toBe(895);
    expect(l.retryAfterS("ana", "5.6.7.8", 5000)).toBe(0);
    expect(l.retryAfterS("bob", "1.2.3.4", 5000)).toBe(0);
    expect(l.retryAfterS("ana", "1.2.3.4", 900_001)).toBe(0);
  });

  it("forgets a key's failures after a success", () => {
    const l = new LoginLimiter({ windowMs: 900_000, perKey: 2, perAddress: 20 });
    l.fail("ana", "a", 0);
    l.succeed("ana", "a");
    l.fail("ana", "a", 1);
    expect(l.retryAfterS("ana", "a", 2)).toBe(0);
  });
});

describe("cookies and tokens", () => {
  it("reads one cookie among several and writes the session cookie's flags", () => {
    expect(readCookie("a=1; gm_session=xyz; b=2", "gm_session")).toBe("xyz");
    expect(readCookie("gm_sessionx=1", "gm_session")).toBeUndefined();
    expect(sessionCookie("gm_session", "v", { maxAgeS: 60, secure: true })).toBe(
      "gm_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure",
    );
  });

  it("parses only well-formed API tokens", () => {
    expect(parseApiToken(`gm_0123abcd4567_${"x".repeat(43)}`)).toEqual({
      id: "0123abcd4567",
      secret: "x".repeat(43),
    });
    expect(parseApiToken("gm_short_x")).toBeUndefined();
    expect(parseApiToken(`gm_0123abcd4567_${"x".repeat(43)}\n`)).toBeUndefined();
  });
});
