export * from "./users";
export * from "./audit";
export * from "./settings";
export * from "./people";
export * from "./reports";
export * from "./training";
export * from "./privacy";
