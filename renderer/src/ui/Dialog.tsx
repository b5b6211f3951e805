import { Modal, type ModalProps } from "@mantine/core";
import { useReturnFocus } from "./useReturnFocus";

/**
 * Mantine's Modal as every dialog of the app uses it: when it closes, the focus goes back to the
 * control that opened it (useReturnFocus), whether the caller sets `opened` to false or unmounts it.
 * Screens use this, never Modal itself (the lint refuses it), so no dialog can forget.
 */
export function Dialog(props: Omit<ModalProps, "returnFocus">) {
  useReturnFocus(props.opened);
  return <Modal {...props} returnFocus={false} />;
}
