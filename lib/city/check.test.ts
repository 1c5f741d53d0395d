import { describe, expect, it } from 'vitest';
import { checkCityFiles } from './check';

describe("the city's folder", () => {
  it("reads Lünen's files as the server checks them at start, districts as the admin's import does", () => {
    expect(() => checkCityFiles()).not.toThrow();
  });
});
