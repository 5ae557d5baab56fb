/**
 * The short privacy notice of the rating service, in pt-BR and en, as HTML fragments (the app
 * serves them at `/privacidade` inside its page layout, followed by the erasure form that the
 * notice links to at `/avaliar/apagar`; the API docs link there). The long form
 * — data inventory, legal basis, retention and the outline of the RIPD — is `docs/privacy.md`.
 */

/** Retention settings the notice states (they are configuration, so the notice takes them). */
export interface PrivacyNoticeRetention {
  /** Days a rating stays in the database before it expires (`MIRANTE_FEEDBACK_TTL_DAYS`). */
  readonly feedbackTtlDays: number;
  /** Days older copies of lake files are kept after being replaced (`noncurrentVersionDays`). */
  readonly noncurrentVersionDays: number;
  /** Days the database's point-in-time backups reach back (35 on AWS). */
  readonly backupDays: number;
}

/** The values of a default deployment. */
export const DEFAULT_PRIVACY_NOTICE_RETENTION: PrivacyNoticeRetention = {
  feedbackTtlDays: 90,
  noncurrentVersionDays: 30,
  backupDays: 35,
};

/** The languages the notice is written in. */
export type PrivacyNoticeLanguage = 'pt-BR' | 'en';

const days = (n: number) => Math.max(0, Math.floor(n));

/** The notice in both languages, as `<section lang="…">` HTML fragments. */
export function privacyNoticeFragments(
  retention: PrivacyNoticeRetention = DEFAULT_PRIVACY_NOTICE_RETENTION,
): Record<PrivacyNoticeLanguage, string> {
  const ttl = days(retention.feedbackTtlDays);
  const versions = days(retention.noncurrentVersionDays);
  const backups = days(retention.backupDays);
  const longest = Math.max(versions, backups);
  return {
    'pt-BR': `<section lang="pt-BR">
<h2>Aviso de privacidade da avaliação de serviços</h2>
<h3>O que coletamos</h3>
<p>Quando você avalia um serviço digital da Prefeitura, guardamos apenas: o serviço avaliado, a nota
(1 a 5), como terminou o atendimento, o canal (site, aplicativo, telecentro, telefone ou presencial)
e, se você quiser informar, a regional, o motivo principal da nota e um comentário. Não pedimos nome,
CPF, e-mail nem telefone. Se o comentário tiver CPF, CNPJ, e-mail, telefone ou CEP, eles são trocados
por marcadores como <code>[cpf]</code> <strong>antes</strong> de serem guardados.</p>
<p>Seu endereço IP não é guardado nem registrado: ele é usado só no momento do envio, transformado
em um código que muda todo dia, para limitar abusos (muitos envios seguidos).</p>
<h3>Para quê</h3>
<p>Para melhorar os serviços e publicar indicadores agregados de satisfação no Portal da
Transparência e no Portal de Dados Abertos (base legal: execução de políticas públicas, LGPD art. 7º,
III, e art. 23). Comentários nunca são publicados; números com menos de 10 avaliações são
suprimidos.</p>
<h3>Por quanto tempo</h3>
<p>A avaliação fica ${ttl} dias no banco de dados de recebimento e depois expira. O histórico,
sem nada que identifique você diretamente, fica no repositório de dados enquanto os indicadores forem publicados.</p>
<h3>Seus direitos e o comprovante</h3>
<p>Ao avaliar, você recebe um <strong>comprovante</strong> (um código). Guarde-o: ele não fica
armazenado em lugar nenhum e é a única forma de provar que a avaliação é sua, já que não sabemos
quem você é. Com ele e o número da avaliação você pode apagá-la a qualquer momento: na página
<a href="/avaliar/apagar">Apagar uma avaliação</a> (também no formulário abaixo; funciona em qualquer
navegador, sem JavaScript) ou, por programa, com <code>DELETE /v1/feedback/{id}</code> e o cabeçalho
<code>Authorization: Bearer &lt;comprovante&gt;</code>.
Ela sai imediatamente do banco de dados e dos indicadores no próximo cálculo; cópias de segurança e
versões antigas de arquivos são eliminadas em até ${longest} dias.</p>
<p>Para outros direitos da LGPD (art. 18) ou dúvidas, fale com o encarregado pelo tratamento de dados
pessoais da Prefeitura, indicado no Portal da Transparência.</p>
</section>`,
    en: `<section lang="en">
<h2>Privacy notice for service ratings</h2>
<h3>What we collect</h3>
<p>When you rate one of the city's digital services we keep only: the service, your rating (1 to 5),
how your use of the service ended, the channel (web, app, telecentro, phone or in person) and, if you
choose to give them, your region, the main reason for your rating and a comment. We never ask for
your name, CPF, e-mail or phone number. If your comment contains a CPF, CNPJ, e-mail address, phone
number or CEP, it is replaced by a marker such as <code>[cpf]</code> <strong>before</strong> it is
stored.</p>
<p>Your IP address is neither stored nor logged: it is used only while your rating is received,
turned into a code that changes every day, to limit abuse (too many ratings at once).</p>
<h3>Why</h3>
<p>To improve the services and to publish aggregate satisfaction indicators on the Transparency
Portal and the Open Data Portal (legal basis: carrying out public policies, LGPD art. 7, III, and
art. 23). Comments are never published; figures resting on fewer than 10 ratings are suppressed.</p>
<h3>For how long</h3>
<p>Your rating stays ${ttl} days in the intake database and then expires. The history, without anything
that identifies you directly, stays in the data lake for as long as the indicators are published.</p>
<h3>Your rights and your receipt</h3>
<p>When you rate, you get a <strong>receipt</strong> (a code). Keep it: it is not stored anywhere, and
since we don't know who you are it is the only proof that the rating is yours. With it and the rating
number you can erase your rating at any time: on the page <a href="/avaliar/apagar?lang=en">Erase a
rating</a> (also in the form below; it works in any browser, without JavaScript) or, from a program,
with <code>DELETE /v1/feedback/{id}</code> and the header <code>Authorization: Bearer &lt;receipt&gt;</code>. It leaves the database at once and the indicators
at their next computation; backups and older versions of files are gone within ${longest} days.</p>
<p>For your other rights under the LGPD (art. 18) or any question, contact the city's data protection
officer (encarregado), named on the Transparency Portal.</p>
</section>`,
  };
}
