import { Alert, Anchor, Button, Code, FileInput, Paper, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DeskModeView, ServerCertificate } from "../../../../common/contract/desk";
import { useApiMutation } from "../../api/queries";
import { formatDate } from "../../i18n/zurichTime";

/**
 * Local database or team server: the one form behind the first-start screen and the
 * administration tab. The team server is trusted only after a person compared the fingerprint
 * shown here with the one the server printed (or gave a company CA certificate); the desk shell
 * then tries the server before it changes anything, so a wrong address or certificate leaves the
 * desk as it was.
 */
export function DeskModeChooser({ onChosen, initial = "local" }: { onChosen: (mode: DeskModeView) => void; initial?: "local" | "team" }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<"local" | "team">(initial);
  const [url, setUrl] = useState("");
  const [certificate, setCertificate] = useState<ServerCertificate | null>(null);
  const [useCa, setUseCa] = useState(false);
  const [caFile, setCaFile] = useState<File | null>(null);
  const probe = useApiMutation("desk.probe", { keepCache: true, onSuccess: (probed) => setCertificate(probed) });
  const choose = useApiMutation("desk.choose", { keepCache: true, onSuccess: (chosen) => onChosen(chosen) });
  const busy = probe.isPending || choose.isPending;
  // The latest refusal, shown under the address (where the desk says what went wrong with it) or above the buttons.
  const failure = choose.error ?? probe.error;
  const urlError = failure && (failure.field === "url" || failure.field === undefined) ? (failure.fieldMessage ?? failure.message) : undefined;
  const otherError = failure && failure.field !== undefined && failure.field !== "url" ? (failure.fieldMessage ?? failure.message) : undefined;

  const changeUrl = (value: string) => {
    setUrl(value);
    // Another address: the certificate shown was another server's.
    setCertificate(null);
    probe.reset();
    choose.reset();
  };

  const connectWithCa = async () => {
    if (!caFile) return;
    choose.mutate({ mode: "team", url, trust: { kind: "ca", certificate: await caFile.text() } });
  };

  return (
    <Stack gap="md">
      <Radio.Group value={kind} onChange={(value) => setKind(value as "local" | "team")} aria-label={t("desk.firstStart.title")}>
        <Stack gap="sm">
          <Radio value="local" label={t("desk.local.label")} description={t("desk.local.description")} />
          <Radio value="team" label={t("desk.team.label")} description={t("desk.team.description")} />
        </Stack>
      </Radio.Group>

      {kind === "local" ? (
        <Button onClick={() => choose.mutate({ mode: "local" })} loading={choose.isPending}>
          {t("desk.local.use")}
        </Button>
      ) : (
        <Stack gap="sm">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!useCa) probe.mutate({ url });
            }}
          >
            <Stack gap="sm">
              <TextInput
                label={t("desk.team.url")}
                description={t("desk.team.urlHint")}
                placeholder="https://crm-serveur:8443/"
                value={url}
                onChange={(event) => changeUrl(event.currentTarget.value)}
                error={urlError}
                autoFocus
                spellCheck={false}
                autoComplete="off"
                data-autofocus
              />
              {!useCa && !certificate && (
                <Button type="submit" loading={probe.isPending} disabled={url.trim() === "" || busy}>
                  {t("desk.team.check")}
                </Button>
              )}
            </Stack>
          </form>

          {!useCa && certificate && (
            <Paper withBorder p="md" radius="md">
              <Stack gap={6}>
                <Text fw={600} fz="sm">
                  {t("desk.team.certificateTitle")}
                </Text>
                <Text fz="xs" c="dimmed">
                  {t("desk.team.fingerprint")}
                </Text>
                <Code block fz="sm" data-testid="desk-fingerprint" style={{ whiteSpace: "normal" }}>
                  <FingerprintText fingerprint={certificate.fingerprint} />
                </Code>
                <Text fz="xs">
                  {t("desk.team.subject")} {certificate.subject || "—"} · {t("desk.team.issuer")} {certificate.issuer || "—"}
                </Text>
                <Text fz="xs">{t("desk.team.validity", { from: formatDate(Date.parse(certificate.validFrom)), to: formatDate(Date.parse(certificate.validTo)) })}</Text>
                <Text fz="sm" mt={4}>
                  {t("desk.team.compare")}
                </Text>
                <Button
                  mt={6}
                  loading={choose.isPending}
                  onClick={() => choose.mutate({ mode: "team", url: certificate.url, trust: { kind: "fingerprint", fingerprint: certificate.fingerprint } })}
                >
                  {t("desk.team.confirm")}
                </Button>
              </Stack>
            </Paper>
          )}

          {useCa ? (
            <Stack gap="sm">
              <FileInput label={t("desk.team.caFile")} placeholder={t("desk.team.caPlaceholder")} accept=".pem,.crt,.cer" value={caFile} onChange={setCaFile} clearable />
              <Button onClick={() => void connectWithCa()} loading={choose.isPending} disabled={!caFile || url.trim() === ""}>
                {t("desk.team.connectCa")}
              </Button>
            </Stack>
          ) : (
            <Anchor component="button" type="button" fz="sm" onClick={() => setUseCa(true)} ta="left">
              {t("desk.team.useCa")}
            </Anchor>
          )}
        </Stack>
      )}

      {otherError && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {otherError}
        </Alert>
      )}
      {kind === "local" && failure && !otherError && (
        <Alert color="red" variant="light" p="xs" role="alert">
          {failure.message}
        </Alert>
      )}
    </Stack>
  );
}

/** "SHA256:AB:CD:…", free to wrap between pairs only, so no pair is split when read aloud over the phone. */
export function FingerprintText({ fingerprint }: { fingerprint: string }) {
  const pairs = fingerprint.split(":");
  return (
    <>
      SHA256:
      {pairs.map((pair, i) => (
        <span key={i}>
          {pair}
          {i < pairs.length - 1 && (
            <>
              :<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}
