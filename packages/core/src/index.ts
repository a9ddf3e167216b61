export * from "./detect/index";
export * from "./protocol/index";
