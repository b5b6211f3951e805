import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { operationSource, Typeahead } from "../../ui/Typeahead";

export interface CompanyRef {
  id: number;
  name: string;
}

/** A company found by its name, or the offer to create the one typed (`create`). */
interface CompanyChoice extends CompanyRef {
  city?: string | null;
  create?: true;
}

/**
 * Companies whose name starts with what is typed; when none has exactly that name, the last option
 * creates it. Built on the kit's typeahead: only the answer to the text in the box can be chosen.
 */
const companyOrNewSource = operationSource(
  "companies.search",
  (q) => ({ q }),
  (hits, text): CompanyChoice[] => {
    const typed = text.trim();
    const exact = hits.some((hit) => hit.name.toLocaleLowerCase() === typed.toLocaleLowerCase());
    const found: CompanyChoice[] = hits.map((hit) => ({ id: hit.id, name: hit.name, city: hit.city }));
    return typed && !exact ? [...found, { id: 0, name: typed, create: true }] : found;
  },
  { minLength: 0 },
);

/**
 * Company typeahead (companies.search, names starting with what is typed). When the company is not
 * there yet, the last option creates it on the spot, so the call never has to wait for a form.
 */
export function CompanyPicker({ value, onChange, error, label }: { value: CompanyRef | null; onChange(next: CompanyRef | null): void; error?: string; label: string }) {
  const { t } = useTranslation();
  const createCompany = useApiMutation("companies.create");

  async function create(name: string) {
    try {
      const company = await createCompany.mutateAsync({ name });
      onChange({ id: company.id, name: company.name });
      notifySuccess(t("people.company.created", { name: company.name }));
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <Typeahead<CompanyChoice>
      label={label}
      placeholder={t("people.company.placeholder")}
      error={error}
      value={value}
      onChange={(choice) => {
        if (choice?.create) void create(choice.name);
        else onChange(choice && { id: choice.id, name: choice.name });
      }}
      source={companyOrNewSource}
      keyOf={(choice) => (choice.create ? "+create" : String(choice.id))}
      labelOf={(choice) => choice.name}
      detailOf={(choice) => (choice.create ? t("people.company.create", { name: choice.name }) : choice.city)}
      clearable
      disabled={createCompany.isPending}
    />
  );
}
