/** Kept for its importers: the person picker is PersonTypeahead in ./Typeahead. */
export { PersonTypeahead as PersonSelect, type PickedPerson } from "./Typeahead";
