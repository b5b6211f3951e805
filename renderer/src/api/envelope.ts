/** Written once in common/: the desk shell's forwarder checks a team server's answers the same way. */
export { isEnvelope } from "../../../common/envelope";
