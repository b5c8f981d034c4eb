<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="da">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="45"/>
        <source>Skriv adgangskoden til dine mødepapirer:</source>
        <translation>Enter the password for your meeting papers:</translation>
    </message>
    <message>
        <location filename="../app.py" line="54"/>
        <source>{message} Prøv igen:</source>
        <translation>{message} Try again:</translation>
    </message>
</context>
<context>
    <name>AssistantController</name>
    <message>
        <location filename="../assistant_controller.py" line="41"/>
        <source>Hvad skal der besluttes på mødet?</source>
        <translation>What is to be decided at the meeting?</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="42"/>
        <source>Hvilke punkter har økonomiske konsekvenser?</source>
        <translation>Which items have financial consequences?</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="43"/>
        <source>Hvad indstiller administrationen?</source>
        <translation>What does the administration recommend?</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="51"/>
        <source>Fortroligt – lukket punkt</source>
        <translation>Confidential – closed item</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="123"/>
        <source>Alle møder</source>
        <translation>All meetings</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="125"/>
        <source>Kun det valgte møde: {title}</source>
        <translation>Only the selected meeting: {title}</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="146"/>
        <source>Forslag:</source>
        <translation>Suggestions:</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="153"/>
        <source>Forslag til et spørgsmål – tryk Enter eller »Spørg«.</source>
        <translation>A suggested question – press Enter or “Ask”.</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="163"/>
        <source>Vent, til det igangværende arbejde er færdigt.</source>
        <translation>Please wait until the current work has finished.</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="174"/>
        <source>Søger i materialet …</source>
        <translation>Searching the material …</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="175"/>
        <source>Søger i materialet og indlæser sprogmodellen (første gang efter start) …</source>
        <translation>Searching the material and loading the language model (first time after start) …</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="217"/>
        <source>Stopper …</source>
        <translation>Stopping …</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="255"/>
        <source> (Fortroligt – lukket punkt)</source>
        <translation> (Confidential – closed item)</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="259"/>
        <source>{answer}

Kilder:
{sources}</source>
        <translation>{answer}

Sources:
{sources}</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="261"/>
        <source>Svar kopieret ({sources})</source>
        <translation>Answer copied ({sources})</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="262"/>
        <source>kilde</source>
        <translation>source</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="262"/>
        <source>kilder</source>
        <translation>sources</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="266"/>
        <source>Svaret og kilderne er kopieret.</source>
        <translation>The answer and its sources have been copied.</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="271"/>
        <source>Fortroligt materiale</source>
        <translation>Confidential material</translation>
    </message>
    <message>
        <location filename="../assistant_controller.py" line="272"/>
        <source>Svaret bygger på et lukket punkt (fortroligt). Vil du kopiere det alligevel?</source>
        <translation>The answer is based on a closed item (confidential). Do you want to copy it anyway?</translation>
    </message>
</context>
<context>
    <name>AssistantPane</name>
    <message>
        <location filename="../assistant_pane.py" line="41"/>
        <source>Svar bygger kun på de viste kilder. Læs altid efter i kilderne – AI erstatter ikke den politiske vurdering.</source>
        <translation>Answers are based only on the sources shown. Always check the sources – AI does not replace political judgement.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="73"/>
        <source>Skrevet af sprogmodellen {model} – hver sætning er bekræftet i kilderne.</source>
        <translation>Written by the language model {model} – every sentence is verified in the sources.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="76"/>
        <source>Citater fra materialet, ordret – ikke skrevet af en sprogmodel.</source>
        <translation>Quotes from the material, verbatim – not written by a language model.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="78"/>
        <source>Fra mødepakkens dagsorden.</source>
        <translation>From the meeting pack&apos;s agenda.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="80"/>
        <source>Sprogmodellen {model} fandt ikke svaret i kilderne.</source>
        <translation>The language model {model} did not find the answer in the sources.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="107"/>
        <source>FORTROLIGT – LUKKET PUNKT</source>
        <translation>CONFIDENTIAL – CLOSED ITEM</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="110"/>
        <source>Resumé skrevet af {model}, bekræftet i kilderne</source>
        <translation>Summary written by {model}, verified in the sources</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="114"/>
        <source>Kræver opmærksomhed</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="136"/>
        <source>&lt;b&gt;Assistent&lt;/b&gt;</source>
        <translation>&lt;b&gt;Assistant&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="151"/>
        <source>Spørg i:</source>
        <translation>Ask in:</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="153"/>
        <source>Hvilke møder der spørges i</source>
        <translation>Which meetings to ask about</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="164"/>
        <source>Skriv et spørgsmål til materialet, fx »Hvad koster projektet?«</source>
        <translation>Type a question about the material, e.g. “What does the project cost?”</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="165"/>
        <source>Spørgsmål</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="169"/>
        <source>Spørg</source>
        <translation>Ask</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="171"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="171"/>
        <source>Stop svaret</source>
        <translation>Stop the answer</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="173"/>
        <source>Kopiér svar</source>
        <translation>Copy answer</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="173"/>
        <source>Kopiér svar med kilder</source>
        <translation>Copy answer with sources</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="175"/>
        <source>Kopiér svaret og kildehenvisningerne (Ctrl+Shift+C)</source>
        <translation>Copy the answer and the source references (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="185"/>
        <source>Briefing: mødet</source>
        <translation>Briefing: meeting</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="185"/>
        <source>Briefing om det valgte møde</source>
        <translation>Briefing on the selected meeting</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="187"/>
        <source>Én linje pr. punkt og de punkter, der kræver opmærksomhed – med kilder</source>
        <translation>One line per item and the items that need attention – with sources</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="189"/>
        <source>Briefing: punktet</source>
        <translation>Briefing: item</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="189"/>
        <source>Briefing om det valgte punkt</source>
        <translation>Briefing on the selected item</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="191"/>
        <source>Hvad skal besluttes, indstilling, økonomi, frister, tidligere behandling og bilag</source>
        <translation>What is to be decided, recommendation, economy, deadlines, earlier treatment and attachments</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="197"/>
        <source>Forslag til spørgsmål</source>
        <translation>Suggested questions</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="205"/>
        <source>&lt;b&gt;Svar&lt;/b&gt;</source>
        <translation>&lt;b&gt;Answer&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="208"/>
        <source>Svar</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="210"/>
        <source>Svaret vises her – først citater, så det bekræftede svar.</source>
        <translation>The answer appears here – quotes first, then the verified answer.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="220"/>
        <source>Sprogmodellens udkast (ikke bekræftet)</source>
        <translation>The language model&apos;s draft (not verified)</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="227"/>
        <source>Svarstatus</source>
        <translation>Answer status</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="231"/>
        <source>Genstart sprogmodellen</source>
        <translation>Restart the language model</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="233"/>
        <source>Start sprogmodellen forfra og prøv spørgsmålet igen</source>
        <translation>Start the language model afresh and ask again</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="239"/>
        <source>&lt;b&gt;Kilder&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sources&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="242"/>
        <source>Kilder</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="243"/>
        <source>Kilderne til svaret vises her.</source>
        <translation>The sources of the answer appear here.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="266"/>
        <source>Citater fra materialet. Sprogmodellen læser kilderne og skriver et svar, som vises her, når hver sætning er bekræftet …</source>
        <translation>Quotes from the material. The language model is reading the sources and writing an answer, shown here once every sentence is verified …</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="273"/>
        <source>Sprogmodellen skriver (ikke bekræftet endnu):</source>
        <translation>The language model is writing (not verified yet):</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="284"/>
        <location filename="../assistant_pane.py" line="298"/>
        <source>kilde</source>
        <translation>source</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="284"/>
        <location filename="../assistant_pane.py" line="298"/>
        <source>kilder</source>
        <translation>sources</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="286"/>
        <source>Stoppet. Svaret er citater fra materialet med {sources}.</source>
        <translation>Stopped. The answer quotes the material with {sources}.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="288"/>
        <source>Svar fra {model} med {sources}.</source>
        <translation>Answer from {model} with {sources}.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="290"/>
        <source>Svar med {sources}.</source>
        <translation>Answer with {sources}.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="299"/>
        <source>Briefing med {sources} – uddrag af materialet. Sprogmodellen skriver et resumé …</source>
        <translation>Briefing with {sources} – excerpts from the material. The language model is writing a summary …</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="300"/>
        <source>Briefing med {sources} – uddrag af materialet.</source>
        <translation>Briefing with {sources} – quoted from the material.</translation>
    </message>
    <message>
        <location filename="../assistant_pane.py" line="312"/>
        <source>Stoppet.</source>
        <translation>Stopped.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../audit_dialog.py" line="20"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="21"/>
        <source>Sletning</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="22"/>
        <source>Kopieret/eksporteret</source>
        <translation>Copied/exported</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="23"/>
        <source>Opbevaringsfrist</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="24"/>
        <source>Mislykket oplåsning</source>
        <translation>Failed unlock</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="43"/>
        <location filename="../audit_dialog.py" line="49"/>
        <source>Revisionslog</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="46"/>
        <source>Hændelser i denne datamappe, nyeste først. Loggen er krypteret sammen med møderne og forlader aldrig computeren.</source>
        <translation>Events in this data folder, newest first. The log is encrypted together with the meetings and never leaves this computer.</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="50"/>
        <source>Tidspunkt</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="50"/>
        <source>Hændelse</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="50"/>
        <source>Detaljer</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../audit_dialog.py" line="59"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>BriefingController</name>
    <message>
        <location filename="../briefing_controller.py" line="50"/>
        <source>Laver briefing …</source>
        <translation>Preparing briefing …</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../error_banner.py" line="26"/>
        <source>Fejlbesked</source>
        <translation>Error message</translation>
    </message>
    <message>
        <location filename="../error_banner.py" line="28"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../error_banner.py" line="28"/>
        <source>Luk fejlbesked</source>
        <translation>Close error message</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../notes_pane.py" line="376"/>
        <source>Eksportér forberedelsesark</source>
        <translation>Export prep sheet</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="378"/>
        <source>Arket gemmes &lt;b&gt;ukrypteret&lt;/b&gt; i den fil, du vælger: opbevar det som andre mødepapirer. Eksporten noteres i loggen.</source>
        <translation>The sheet is saved &lt;b&gt;unencrypted&lt;/b&gt; in the file you choose: keep it like other meeting papers. The export is recorded in the log.</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="382"/>
        <source>Filen</source>
        <translation>The file</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="383"/>
        <source>Vælg …</source>
        <translation>Choose …</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="388"/>
        <source>Tag lukkede punkter med (mærkes FORTROLIGT – LUKKET PUNKT)</source>
        <translation>Include closed items (marked FORTROLIGT – LUKKET PUNKT)</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="397"/>
        <source>Gem forberedelsesark</source>
        <translation>Save prep sheet</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="398"/>
        <source>PDF (*.pdf);;Word (*.docx)</source>
        <translation>PDF (*.pdf);;Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../help_dialog.py" line="24"/>
        <location filename="../help_dialog.py" line="27"/>
        <source>Vejledning</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../help_dialog.py" line="31"/>
        <source>Vejledningen mangler i installationen.</source>
        <translation>The guide is missing from the installation.</translation>
    </message>
    <message>
        <location filename="../help_dialog.py" line="33"/>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../help_dialog.py" line="45"/>
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../help_dialog.py" line="46"/>
        <source>&lt;h3&gt;Mødemappe {version}&lt;/h3&gt;&lt;p&gt;Dine mødepapirer, offline. Alt bliver på denne computer.&lt;/p&gt;&lt;p&gt;AI understøtter arbejdet – den erstatter aldrig den politiske vurdering.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mødemappe {version}&lt;/h3&gt;&lt;p&gt;Your meeting papers, offline. Everything stays on this computer.&lt;/p&gt;&lt;p&gt;AI supports the work – it never replaces political judgement.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../import_controller.py" line="33"/>
        <source>Mødepapirer (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff);;PDF (*.pdf);;Word (*.docx);;Scannede billeder (*.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Meeting papers (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff);;PDF (*.pdf);;Word (*.docx);;Scanned images (*.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="64"/>
        <source>Overvåget mappe</source>
        <translation>Watched folder</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="76"/>
        <source>Importér mødepapirer</source>
        <translation>Import meeting papers</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="85"/>
        <source>Importér en mappe med mødepapirer</source>
        <translation>Import a folder of meeting papers</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="100"/>
        <source>Importér til Håndbog</source>
        <translation>Import into Handbook</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="111"/>
        <source>Vent, til det igangværende arbejde er færdigt.</source>
        <translation>Please wait until the current work has finished.</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="115"/>
        <source>Importerer {names}</source>
        <translation>Importing {names}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="116"/>
        <source>Importerer {names} …</source>
        <translation>Importing {names} …</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="138"/>
        <source>{message} {percent} % – det kan tage et minut første gang.</source>
        <translation>{message} {percent} % – this can take a minute the first time.</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="151"/>
        <source>Importeret: {title} – {pages}</source>
        <translation>Imported: {title} – {pages}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="152"/>
        <source>side</source>
        <translation>page</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="152"/>
        <source>sider</source>
        <translation>pages</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="159"/>
        <source>Nogle filer blev sprunget over:</source>
        <translation>Some files were skipped:</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="166"/>
        <source>Importen mislykkedes. {message}</source>
        <translation>The import failed. {message}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="170"/>
        <source>Importen blev annulleret – intet blev importeret.</source>
        <translation>The import was cancelled – nothing was imported.</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="179"/>
        <source>Vælg først det møde, optagelsen hører til.</source>
        <translation>First select the meeting the recording belongs to.</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="182"/>
        <source>Importér optagelse</source>
        <translation>Import recording</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="183"/>
        <source>Optagelser og undertekster (*.mp4 *.mkv *.mp3 *.m4a *.wav *.srt *.vtt)</source>
        <translation>Recordings and subtitles (*.mp4 *.mkv *.mp3 *.m4a *.wav *.srt *.vtt)</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="192"/>
        <source>Importerer {name}</source>
        <translation>Importing {name}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="196"/>
        <source>Optagelsen er importeret og kan søges i.</source>
        <translation>The recording is imported and searchable.</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="211"/>
        <source>Vælg en mappe, der skal overvåges</source>
        <translation>Choose a folder to watch</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="231"/>
        <source>Overvåger: {folder}</source>
        <translation>Watching: {folder}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="243"/>
        <source>Overvåget mappe – {name}: {message}</source>
        <translation>Watched folder – {name}: {message}</translation>
    </message>
    <message>
        <location filename="../import_controller.py" line="247"/>
        <source>Importeret fra den overvågede mappe: {title}</source>
        <translation>Imported from the watched folder: {title}</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <location filename="../library_pane.py" line="50"/>
        <source>  ● Ny</source>
        <translation>  ● New</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="51"/>
        <source>Ny – ikke åbnet endnu</source>
        <translation>New – not opened yet</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="68"/>
        <source>dokument</source>
        <translation>document</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="69"/>
        <source>dokumenter</source>
        <translation>documents</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="71"/>
        <source>punkt</source>
        <translation>item</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="71"/>
        <source>punkter</source>
        <translation>items</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="82"/>
        <source> (lukket punkt)</source>
        <translation> (closed item)</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="83"/>
        <source>Fortroligt – lukket punkt</source>
        <translation>Confidential – closed item</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="88"/>
        <source>{document}, s. {page}</source>
        <translation>{document}, p. {page}</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="93"/>
        <source>Bilag: {name}</source>
        <translation>Appendix: {name}</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="98"/>
        <source>Optagelse: {name}</source>
        <translation>Recording: {name}</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="100"/>
        <source> (ikke færdig)</source>
        <translation> (not finished)</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="107"/>
        <source>Dokument: {name}</source>
        <translation>Document: {name}</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="142"/>
        <source>&lt;b&gt;Bibliotek&lt;/b&gt;</source>
        <translation>&lt;b&gt;Library&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="146"/>
        <source>Bibliotek: samlinger, møder, punkter og bilag</source>
        <translation>Library: collections, meetings, items and appendices</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="160"/>
        <source>Ingen møder endnu.</source>
        <translation>No meetings yet.</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="165"/>
        <source>Importér filer …</source>
        <translation>Import files …</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="165"/>
        <source>Importér filer</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="167"/>
        <source>Vælg PDF- eller Word-filer til én mødepakke (Ctrl+O)</source>
        <translation>Choose PDF or Word files for one meeting pack (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="168"/>
        <source>Importér mappe …</source>
        <translation>Import folder …</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="168"/>
        <source>Importér mappe</source>
        <translation>Import folder</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="170"/>
        <source>Vælg en mappe med en mødepakke (Ctrl+Shift+O)</source>
        <translation>Choose a folder with a meeting pack (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="174"/>
        <source>Slet møde …</source>
        <translation>Delete meeting …</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="174"/>
        <source>Slet valgt møde</source>
        <translation>Delete selected meeting</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="177"/>
        <source>Du kan også trække filer eller en mappe ind i vinduet.</source>
        <translation>You can also drag files or a folder into the window.</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="189"/>
        <source>Importstatus</source>
        <translation>Import status</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="192"/>
        <source>Importforløb</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="193"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="193"/>
        <source>Annullér import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="215"/>
        <source>Annullerer …</source>
        <translation>Cancelling …</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="319"/>
        <source>Slet møde</source>
        <translation>Delete meeting</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="320"/>
        <source>Vil du slette »{title}« fra Mødemappe?</source>
        <translation>Do you want to delete “{title}” from Mødemappe?</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="322"/>
        <source>Mødet og alt, der er læst ind fra det, fjernes. Dine originale filer røres ikke.</source>
        <translation>The meeting and everything read from it will be removed. Your original files are not touched.</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="323"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="324"/>
        <source>Fortryd</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../library_pane.py" line="337"/>
        <source>Slettet: {title}</source>
        <translation>Deleted: {title}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../lock_screen.py" line="51"/>
        <source>&lt;h2&gt;Mødemappe er låst&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Mødemappe is locked&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="62"/>
        <location filename="../lock_screen.py" line="63"/>
        <source>Adgangskode</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="66"/>
        <source>Lås op</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="73"/>
        <source>Fejl ved oplåsning</source>
        <translation>Unlock error</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="102"/>
        <source>Skriv adgangskoden til datamappen for at låse op.</source>
        <translation>Enter the password for the data folder to unlock.</translation>
    </message>
    <message>
        <location filename="../lock_screen.py" line="103"/>
        <source>Tryk »Lås op« for at fortsætte som den bruger, der er logget ind.</source>
        <translation>Press “Unlock” to continue as the user who is logged in.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>Importér filer …</source>
        <translation>Import files …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>Importér mappe …</source>
        <translation>Import folder …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149"/>
        <source>Slet møde …</source>
        <translation>Delete meeting …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>Lås Mødemappe</source>
        <translation>Lock Mødemappe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>Skjul alt indhold, til du låser op igen</source>
        <translation>Hide all content until you unlock again</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154"/>
        <source>Afslut</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Om Mødemappe</source>
        <translation>About Mødemappe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156"/>
        <source>Overvåg en mappe …</source>
        <translation>Watch a folder …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>Nye mødepakker i mappen importeres automatisk</source>
        <translation>New meeting packs in the folder are imported automatically</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158"/>
        <source>Stop overvågning</source>
        <translation>Stop watching</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <source>Importér til Håndbog …</source>
        <translation>Import into Handbook …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>Kommunalbestyrelsens håndbog, retningslinjer og love</source>
        <translation>The council&apos;s handbook, guidelines and laws</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Importér optagelse til mødet …</source>
        <translation>Import recording for the meeting …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Lyd, video eller undertekster fra mødet – skrives ud lokalt</source>
        <translation>Audio, video or subtitles of the meeting – transcribed locally</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>Slet alt …</source>
        <translation>Delete everything …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>Slet alle møder, søgeindekset og nøglen fra denne computer</source>
        <translation>Delete all meetings, the search index and the key from this computer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>Indstillinger …</source>
        <translation>Settings …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="194"/>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>Søg i materialet</source>
        <translation>Search the material</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170"/>
        <source>Find i dokumentet</source>
        <translation>Find in document</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Stil et spørgsmål</source>
        <translation>Ask a question</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>Næste rude</source>
        <translation>Next pane</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>Forrige rude</source>
        <translation>Previous pane</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177"/>
        <source>Kopiér svar med kilder</source>
        <translation>Copy answer with sources</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>Præsentationstilstand (skjul lukkede punkter)</source>
        <translation>Presentation mode (hide closed items)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>Til skærmdeling: lukkede punkter vises ikke og bruges ikke i svar</source>
        <translation>For screen sharing: closed items are not shown and not used in answers</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184"/>
        <source>Revisionslog …</source>
        <translation>Audit log …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="198"/>
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source>Vejledning</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="218"/>
        <source>Åbner dine møder …</source>
        <translation>Opening your meetings …</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258"/>
        <source>Alt bliver på denne computer</source>
        <translation>Everything stays on this computer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="423"/>
        <source>Præsentationstilstand: lukkede punkter er skjult.</source>
        <translation>Presentation mode: closed items are hidden.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="424"/>
        <source>Præsentationstilstand er slået fra.</source>
        <translation>Presentation mode is off.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="434"/>
        <source>SLET ALT</source>
        <translation>DELETE ALL</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="436"/>
        <location filename="../main_window.py" line="450"/>
        <source>Slet alt</source>
        <translation>Delete everything</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="437"/>
        <source>Alle møder, søgeindekset, indstillingerne og nøglen slettes fra denne computer. Det kan ikke fortrydes.

Skriv {word} for at bekræfte:</source>
        <translation>All meetings, the search index, the settings and the key will be deleted from this computer. This cannot be undone.

Type {word} to confirm:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="450"/>
        <source>Alt er slettet. Mødemappe lukker nu.</source>
        <translation>Everything has been deleted. Mødemappe will now close.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>{title} – låst</source>
        <translation>{title} – locked</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <location filename="../model_status.py" line="29"/>
        <location filename="../model_status.py" line="41"/>
        <source>Assistent: starter …</source>
        <translation>Assistant: starting …</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="30"/>
        <source>Sprogmodel</source>
        <translation>Language model</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="42"/>
        <source>Sprogmodel: {name}</source>
        <translation>Language model: {name}</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="47"/>
        <source>Assistent: svarer med citater (ingen sprogmodel)</source>
        <translation>Assistant: answers with quotes (no language model)</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="58"/>
        <source>Assistent: klar</source>
        <translation>Assistant: ready</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="59"/>
        <source>Sprogmodel: {name}. Indlæst på {seconds} s og holdes klar, mens Mødemappe kører.</source>
        <translation>Language model: {name}. Loaded in {seconds} s and kept ready while Mødemappe runs.</translation>
    </message>
    <message>
        <location filename="../model_status.py" line="63"/>
        <source>Assistent: svarer med citater (sprogmodellen kan ikke indlæses)</source>
        <translation>Assistant: answers with quotes (the language model cannot be loaded)</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <location filename="../notes_pane.py" line="75"/>
        <source>Dine noter – dine egne ord, ikke fra materialet</source>
        <translation>Your notes – your own words, not from the material</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="90"/>
        <source>Dine noter til punktet – dine egne ord</source>
        <translation>Your notes on the item – your own words</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="115"/>
        <location filename="../notes_pane.py" line="186"/>
        <source>Vælg et møde i biblioteket for at forberede dig.</source>
        <translation>Choose a meeting in the library to prepare.</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="119"/>
        <source>Noter til</source>
        <translation>Notes for</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="123"/>
        <source>&lt;b&gt;Mine noter&lt;/b&gt; (punktopstilling med &quot;- &quot;)</source>
        <translation>&lt;b&gt;My notes&lt;/b&gt; (bullets with &quot;- &quot;)</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="125"/>
        <source>Mine noter</source>
        <translation>My notes</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="126"/>
        <source>- spørg til økonomien</source>
        <translation>- ask about the finances</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="128"/>
        <source>Gem note</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="132"/>
        <source>&lt;b&gt;Spørgsmål til mødet&lt;/b&gt;</source>
        <translation>&lt;b&gt;Questions for the meeting&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="134"/>
        <source>Spørgsmål til mødet</source>
        <translation>Questions for the meeting</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="138"/>
        <source>Nyt spørgsmål …</source>
        <translation>New question …</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="139"/>
        <source>Nyt spørgsmål</source>
        <translation>New question</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="141"/>
        <source>Tilføj</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="143"/>
        <source>Slet</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="149"/>
        <source>&lt;b&gt;Mine fremhævninger&lt;/b&gt; (klik for at åbne siden)</source>
        <translation>&lt;b&gt;My highlights&lt;/b&gt; (click to open the page)</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="151"/>
        <source>Mine fremhævninger</source>
        <translation>My highlights</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="157"/>
        <source>Kommentar …</source>
        <translation>Comment …</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="159"/>
        <source>Fjern fremhævning</source>
        <translation>Remove highlight</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="166"/>
        <source>Eksportér forberedelsesark …</source>
        <translation>Export prep sheet …</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="189"/>
        <source>&lt;b&gt;Forberedelse:&lt;/b&gt; {title}</source>
        <translation>&lt;b&gt;Preparation:&lt;/b&gt; {title}</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="230"/>
        <source>Hele mødet</source>
        <translation>The whole meeting</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="234"/>
        <source> (lukket)</source>
        <translation> (closed)</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="235"/>
        <source>Punkt {number}: {title}</source>
        <translation>Item {number}: {title}</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="262"/>
        <source>Punkt {number}, </source>
        <translation>Item {number}, </translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="289"/>
        <source>Noten er gemt.</source>
        <translation>The note is saved.</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="310"/>
        <source>Fremhævet på side {page}.</source>
        <translation>Highlighted on page {page}.</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="330"/>
        <source>Kommentar til fremhævningen</source>
        <translation>Comment on the highlight</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="330"/>
        <source>Kommentar:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="360"/>
        <source>Forberedelsesarket er gemt ukrypteret i {path}</source>
        <translation>The prep sheet is saved unencrypted in {path}</translation>
    </message>
    <message>
        <location filename="../notes_pane.py" line="362"/>
        <source>Eksporterer …</source>
        <translation>Exporting …</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialog.py" line="39"/>
        <source>Vælg adgangskode</source>
        <translation>Choose a passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="42"/>
        <source>Mødemappe krypterer dine mødepapirer på denne computer. Vælg en adgangskode til dem – gerne en sætning på fire eller flere ord.</source>
        <translation>Mødemappe encrypts your meeting papers on this computer. Choose a passphrase for them – preferably a sentence of four or more words.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="46"/>
        <source>&lt;b&gt;Glemmer du adgangskoden, kan materialet ikke læses igen.&lt;/b&gt; Programmet kan ikke nulstille den. Bed IT om at gemme en gendannelsesnøgle til datamappen, så de kan give dig adgang igen.</source>
        <translation>&lt;b&gt;If you forget the passphrase, the material cannot be read again.&lt;/b&gt; The app cannot reset it. Ask IT to keep a recovery key for the data folder, so they can give you access again.</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="51"/>
        <source>Adgangskode</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="54"/>
        <source>Gentag adgangskoden</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="56"/>
        <source>Adgangskodens styrke</source>
        <translation>Strength of the passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="58"/>
        <source>&amp;Adgangskode:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="59"/>
        <source>&amp;Gentag:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="64"/>
        <source>Brug adgangskoden</source>
        <translation>Use this passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="65"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="83"/>
        <source>For kort – mindst {n} tegn</source>
        <translation>Too short – at least {n} characters</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="83"/>
        <source>Svag</source>
        <translation>Weak</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="83"/>
        <source>Middel</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="84"/>
        <source>Stærk</source>
        <translation>Strong</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="85"/>
        <source>Styrke: {level}</source>
        <translation>Strength: {level}</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="87"/>
        <source>Adgangskoderne er ikke ens</source>
        <translation>The passphrases differ</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <location filename="../presentation.py" line="22"/>
        <source>indholdsfortegnelsen viser lukkede punkters titler</source>
        <translation>the contents show closed items&apos; titles</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="17"/>
        <source>Præsentationstilstand – lukkede punkter er skjult</source>
        <translation>Presentation mode – closed items are hidden</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="18"/>
        <source>FORTROLIGT – LUKKET PUNKT</source>
        <translation>CONFIDENTIAL – CLOSED ITEM</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="20"/>
        <source>indholdsfortegnelsen nævner et punkt, der ikke blev fundet</source>
        <translation>the contents list an item that was not found</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="21"/>
        <source>siden nævner et lukket punkt uden for de lukkede punkter</source>
        <translation>the page mentions a closed item outside the closed items</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="97"/>
        <source>Alle sider ovenfor</source>
        <translation>All the pages above</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="99"/>
        <source>Strukturen er usikker, så disse sider behandles som lukkede (skjult i præsentationstilstand). Bekræft kun sider, du har læst og ved er åbne.</source>
        <translation>The structure is uncertain, so these pages are treated as closed (hidden in presentation mode). Confirm only pages you have read and know to be open.</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="103"/>
        <source>Bekræft åbne sider</source>
        <translation>Confirm open pages</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="118"/>
        <source>Bekræft åbne sider …</source>
        <translation>Confirm open pages …</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="131"/>
        <source>Ingen sider i mødet holdes som lukkede.</source>
        <translation>No pages of the meeting are held as closed.</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="143"/>
        <source>{count} side(r) bekræftet åbne.</source>
        <translation>{count} page(s) confirmed open.</translation>
    </message>
</context>
<context>
    <name>ReaderMenu</name>
    <message>
        <location filename="../reader_menu.py" line="25"/>
        <source>Kilde: {title}, {file}, side {page}</source>
        <translation>Source: {title}, {file}, page {page}</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="41"/>
        <source>Fortroligt materiale</source>
        <translation>Confidential material</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="42"/>
        <source>Siden hører til et lukket punkt (fortroligt). Vil du kopiere den alligevel?</source>
        <translation>The page belongs to a closed item (confidential). Copy it anyway?</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="55"/>
        <source>FORTROLIGT – LUKKET PUNKT</source>
        <translation>CONFIDENTIAL – CLOSED ITEM</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="58"/>
        <source>{what} kopieret fra læseren (møde {meeting}, side {page})</source>
        <translation>{what} copied from the reader (meeting {meeting}, page {page})</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="64"/>
        <source>Side</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="68"/>
        <source>Passage</source>
        <translation>Passage</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="76"/>
        <source>Kopiér markeringen med kilde</source>
        <translation>Copy the selection with its source</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="77"/>
        <source>Markering</source>
        <translation>Selection</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="80"/>
        <source>Kopiér den citerede passage med kilde</source>
        <translation>Copy the cited passage with its source</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="85"/>
        <source>Fremhæv markeringen</source>
        <translation>Highlight the selection</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="89"/>
        <source>Fremhæv den citerede passage</source>
        <translation>Highlight the cited passage</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="92"/>
        <source>Kopiér siden med kilde</source>
        <translation>Copy the page with its source</translation>
    </message>
    <message>
        <location filename="../reader_menu.py" line="96"/>
        <source>Kopiering er slået fra af IT</source>
        <translation>Copying is switched off by IT</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../reader.py" line="53"/>
        <source>FORTROLIGT – LUKKET PUNKT</source>
        <translation>CONFIDENTIAL – CLOSED ITEM</translation>
    </message>
    <message>
        <location filename="../reader.py" line="55"/>
        <source>Side {number}</source>
        <translation>Page {number}</translation>
    </message>
    <message>
        <location filename="../reader.py" line="129"/>
        <source>Dokument</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../reader.py" line="134"/>
        <source>Fortroligt lukket punkt</source>
        <translation>Confidential closed item</translation>
    </message>
    <message>
        <location filename="../reader.py" line="143"/>
        <source>Dokumentvisning</source>
        <translation>Document view</translation>
    </message>
    <message>
        <location filename="../reader.py" line="148"/>
        <source>Dokumenttekst</source>
        <translation>Document text</translation>
    </message>
    <message>
        <location filename="../reader.py" line="156"/>
        <source>Vælg et møde, et punkt eller en kilde for at læse her.</source>
        <translation>Choose a meeting, an item or a source to read it here.</translation>
    </message>
    <message>
        <location filename="../reader.py" line="165"/>
        <source>Forrige side</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../reader.py" line="167"/>
        <source>Forrige side (Page Up)</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <location filename="../reader.py" line="168"/>
        <source>Næste side</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../reader.py" line="169"/>
        <source>Næste side (Page Down)</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <location filename="../reader.py" line="171"/>
        <source>Sidenummer</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location filename="../reader.py" line="172"/>
        <source>Side </source>
        <translation>Page </translation>
    </message>
    <message>
        <location filename="../reader.py" line="176"/>
        <source>Formindsk</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../reader.py" line="177"/>
        <source>Formindsk (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../reader.py" line="178"/>
        <source>Forstør</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../reader.py" line="179"/>
        <source>Forstør (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../reader.py" line="180"/>
        <source>Tilpas bredde</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../reader.py" line="180"/>
        <source>Tilpas til vinduets bredde</source>
        <translation>Fit to the window&apos;s width</translation>
    </message>
    <message>
        <location filename="../reader.py" line="182"/>
        <source>Find i dokumentet …</source>
        <translation>Find in document …</translation>
    </message>
    <message>
        <location filename="../reader.py" line="183"/>
        <source>Find i dokumentet</source>
        <translation>Find in document</translation>
    </message>
    <message>
        <location filename="../reader.py" line="188"/>
        <source>Fundne steder</source>
        <translation>Matches found</translation>
    </message>
    <message>
        <location filename="../reader.py" line="237"/>
        <source>af {total}</source>
        <translation>of {total}</translation>
    </message>
    <message>
        <location filename="../reader.py" line="264"/>
        <source>(siden har ingen tekst)</source>
        <translation>(the page has no text)</translation>
    </message>
    <message>
        <location filename="../reader.py" line="190"/>
        <location filename="../reader_find.py" line="151"/>
        <source>{count} sider</source>
        <translation>{count} pages</translation>
    </message>
    <message>
        <location filename="../reader_find.py" line="152"/>
        <source>1 side</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../reader.py" line="190"/>
        <location filename="../reader_find.py" line="154"/>
        <source>Ikke fundet</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../reader.py" line="153"/>
        <source>Siden er skjult under præsentation.</source>
        <translation>The page is hidden during the presentation.</translation>
    </message>
</context>
<context>
    <name>ReadingPage</name>
    <message>
        <location filename="../reading_page.py" line="40"/>
        <source>Læs og søg</source>
        <translation>Read and search</translation>
    </message>
    <message>
        <location filename="../reading_page.py" line="44"/>
        <source>Læs</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../reading_page.py" line="47"/>
        <source>Søg</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../reading_page.py" line="51"/>
        <source>Forberedelse</source>
        <translation>Preparation</translation>
    </message>
    <message>
        <location filename="../reading_page.py" line="55"/>
        <source>Optagelser</source>
        <translation>Recordings</translation>
    </message>
</context>
<context>
    <name>RecordingView</name>
    <message>
        <location filename="../recording_view.py" line="60"/>
        <source>Afspilning kræver PulseAudio-biblioteket libpulse0, som mangler på denne computer (IT kan installere det: sudo apt-get install libpulse0). Udskriften kan stadig læses og bruges til at søge.</source>
        <translation>Playback needs the PulseAudio library libpulse0, which is missing on this computer (IT can install it: sudo apt-get install libpulse0). The transcript can still be read and searched.</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="63"/>
        <source>Afspilning er ikke mulig: Qt&apos;s mediemodul kunne ikke indlæses ({problem}). Udskriften kan stadig læses og bruges til at søge.</source>
        <translation>Playback is not possible: Qt&apos;s media module could not be loaded ({problem}). The transcript can still be read and searched.</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="54"/>
        <source>Punkt {number}: {title}</source>
        <translation>Item {number}: {title}</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="83"/>
        <location filename="../recording_view.py" line="294"/>
        <source>Afspil</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="87"/>
        <source>Afspilningsposition</source>
        <translation>Playback position</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="95"/>
        <source>Udskrift efter dagsordenspunkt</source>
        <translation>Transcript by agenda item</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="161"/>
        <source>Kun udskriften kan vises: optagelsen findes ikke længere på {path}</source>
        <translation>Only the transcript can be shown: the recording is no longer at {path}</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="164"/>
        <source>Optagelsen har kun undertekster; der er intet at afspille.</source>
        <translation>The recording has subtitles only; there is nothing to play.</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="266"/>
        <source>Kapitel starter her</source>
        <translation>Chapter starts here</translation>
    </message>
    <message>
        <location filename="../recording_view.py" line="293"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>RetentionCheck</name>
    <message>
        <location filename="../retention.py" line="53"/>
        <source>lukket punkt</source>
        <translation>closed item</translation>
    </message>
    <message>
        <location filename="../retention.py" line="53"/>
        <source>lukkede punkter</source>
        <translation>closed items</translation>
    </message>
    <message>
        <location filename="../retention.py" line="56"/>
        <source>Opbevaringsfristen er udløbet: materialet fra {items} er slettet.</source>
        <translation>The retention period has expired: the material from {items} has been deleted.</translation>
    </message>
    <message>
        <location filename="../retention.py" line="60"/>
        <source>{meeting}, punkt {number} ({date})</source>
        <translation>{meeting}, item {number} ({date})</translation>
    </message>
    <message>
        <location filename="../retention.py" line="63"/>
        <source>{items} slettes inden for {days} dage efter opbevaringsreglen: {due}</source>
        <translation>{items} will be deleted within {days} days under the retention rule: {due}</translation>
    </message>
</context>
<context>
    <name>ScannedMarks</name>
    <message>
        <location filename="../scanned_marks.py" line="17"/>
        <source>Scannet: {pages} side(r) læst med tekstgenkendelse, sikkerhed {confidence} %</source>
        <translation>Scanned: {pages} page(s) read by text recognition, confidence {confidence} %</translation>
    </message>
    <message>
        <location filename="../scanned_marks.py" line="20"/>
        <source>Lav sikkerhed: læs originalen, før du citerer den.</source>
        <translation>Low confidence: read the original before you quote it.</translation>
    </message>
    <message>
        <location filename="../scanned_marks.py" line="28"/>
        <source> (scannet)</source>
        <translation> (scanned)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../search_panel.py" line="73"/>
        <source>Fortroligt – lukket punkt</source>
        <translation>Confidential – closed item</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="126"/>
        <source>{document}, s. {page}</source>
        <translation>{document}, p. {page}</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="129"/>
        <source> · punkt {number}</source>
        <translation> · item {number}</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="233"/>
        <source>Søg i dagsordener, bilag og referater …</source>
        <translation>Search agendas, appendices and minutes …</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="235"/>
        <source>Pil ned går til resultaterne, Esc rydder feltet</source>
        <translation>Down arrow goes to the results, Esc clears the field</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="240"/>
        <source>&amp;Søg:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="240"/>
        <source>Søg i materialet</source>
        <translation>Search the material</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="245"/>
        <source>Alle samlinger</source>
        <translation>All collections</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="247"/>
        <source>Alle udvalg</source>
        <translation>All committees</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="249"/>
        <source>Åbne og lukkede punkter</source>
        <translation>Open and closed items</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="250"/>
        <source>Kun lukkede punkter</source>
        <translation>Closed items only</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="251"/>
        <source>Skjul lukkede punkter</source>
        <translation>Hide closed items</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="253"/>
        <source>Samling:</source>
        <translation>Collection:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="253"/>
        <source>Samling</source>
        <translation>Collection</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="254"/>
        <source>Udvalg:</source>
        <translation>Committee:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="254"/>
        <source>Udvalg</source>
        <translation>Committee</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="255"/>
        <source>Vis:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="255"/>
        <source>Lukkede punkter</source>
        <translation>Closed items</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="262"/>
        <location filename="../search_panel.py" line="263"/>
        <source>Alle datoer</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="268"/>
        <source>Alle punkter</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="271"/>
        <source>Fra:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="271"/>
        <source>Dato fra</source>
        <translation>Date from</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="272"/>
        <source>Til:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="272"/>
        <source>Dato til</source>
        <translation>Date to</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="273"/>
        <source>Punkt:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="273"/>
        <source>Punktnummer</source>
        <translation>Item number</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="286"/>
        <source>Antal resultater</source>
        <translation>Number of results</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="292"/>
        <source>Søgeresultater</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="441"/>
        <source>Søger … (venter på det igangværende arbejde)</source>
        <translation>Searching … (waiting for the current work)</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="458"/>
        <source>Ingen sider med »{query}«</source>
        <translation>No pages with “{query}”</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="460"/>
        <source>1 side</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="462"/>
        <source>{count} sider</source>
        <translation>{count} pages</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="45"/>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="47"/>
        <source>&amp;Sprogmodel:</source>
        <translation>&amp;Language model:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="47"/>
        <source>Sprogmodel</source>
        <translation>Language model</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="49"/>
        <source>Ændringer af sprogmodellen og de avancerede indstillinger gælder, næste gang sprogmodellen startes.</source>
        <translation>Changes to the language model and the advanced settings apply the next time the language model starts.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="51"/>
        <source>Dansk</source>
        <translation>Danish</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="52"/>
        <source>S&amp;prog:</source>
        <translation>Lan&amp;guage:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="52"/>
        <source>Sprog</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="54"/>
        <source>Følg systemet</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="54"/>
        <source>Lyst</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="54"/>
        <source>Mørkt</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="57"/>
        <source>T&amp;ema:</source>
        <translation>T&amp;heme:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="57"/>
        <source>Tema</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="58"/>
        <source>Sk&amp;riftstørrelse:</source>
        <translation>&amp;Font size:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="58"/>
        <source>Skriftstørrelse</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="59"/>
        <source>&amp;Datamappe:</source>
        <translation>&amp;Data folder:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="59"/>
        <location filename="../settings_dialog.py" line="177"/>
        <source>Datamappe</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="60"/>
        <source>Datamappens placering bestemmes af IT-politikken eller af --data-dir, når programmet startes.</source>
        <translation>The data folder&apos;s location is set by the IT policy or by --data-dir when the program starts.</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="64"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="65"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="97"/>
        <source>Demo (lille og hurtig)</source>
        <translation>Demo (small and fast)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="97"/>
        <source>Lille (hurtig, kun citater)</source>
        <translation>Small (fast, quotes only)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="98"/>
        <source>Anbefalet</source>
        <translation>Recommended</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="98"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="100"/>
        <source>Automatisk (bedste installerede)</source>
        <translation>Automatic (best installed)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="105"/>
        <source>(ikke installeret)</source>
        <translation>(not installed)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="118"/>
        <location filename="../settings_dialog.py" line="137"/>
        <source>Avanceret ▸</source>
        <translation>Advanced ▸</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="120"/>
        <source>Vis avancerede indstillinger</source>
        <translation>Show advanced settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="125"/>
        <source>&amp;Processorkerner (tråde):</source>
        <translation>&amp;Processor cores (threads):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="126"/>
        <source>Processorkerner til sprogmodellen</source>
        <translation>Processor cores for the language model</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127"/>
        <source>&amp;Tekstmængde pr. svar (kontekst):</source>
        <translation>&amp;Text per answer (context):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="128"/>
        <source>Tekstmængde pr. svar i tokens</source>
        <translation>Text per answer in tokens</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="137"/>
        <source>Avanceret ▾</source>
        <translation>Advanced ▾</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="143"/>
        <location filename="../settings_dialog.py" line="148"/>
        <source>Automatisk</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="159"/>
        <source>Systemets</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="168"/>
        <source>Åbn mappe</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="169"/>
        <source>Åbn datamappen</source>
        <translation>Open the data folder</translation>
    </message>
</context>
<context>
    <name>VectorStatusController</name>
    <message>
        <location filename="../vector_status.py" line="45"/>
        <source>Indeksering til betydningssøgning</source>
        <translation>Indexing for meaning search</translation>
    </message>
    <message>
        <location filename="../vector_status.py" line="47"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../vector_status.py" line="48"/>
        <source>Stop indekseringen til betydningssøgning (den fortsætter ved næste import eller start)</source>
        <translation>Stop indexing for meaning search (it resumes at the next import or start)</translation>
    </message>
    <message>
        <location filename="../vector_status.py" line="49"/>
        <source>Stop indekseringen</source>
        <translation>Stop indexing</translation>
    </message>
    <message>
        <location filename="../vector_status.py" line="117"/>
        <source>Indekserer til betydningssøgning: {percent} % ({done} af {total})</source>
        <translation>Indexing for meaning search: {percent} % ({done} of {total})</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../welcome_page.py" line="17"/>
        <source>
&lt;h1&gt;Velkommen til Mødemappe&lt;/h1&gt;
&lt;p&gt;Mødemappe hjælper dig med at finde rundt i dagsordener, bilag og referater.
Importér en mødepakke (PDF eller Word), og stil spørgsmål til materialet.
Hvert svar viser, hvor i dokumenterne det står, så du selv kan læse efter.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Alt bliver på denne computer.&lt;/b&gt; Dokumenter og spørgsmål sendes ikke til internettet,
og sprogmodellen kører lokalt.&lt;/p&gt;
&lt;h3&gt;Retningslinjer for brug af AI&lt;/h3&gt;
</source>
        <translation>
&lt;h1&gt;Welcome to Mødemappe&lt;/h1&gt;
&lt;p&gt;Mødemappe helps you find your way through agendas, appendices and minutes.
Import a meeting pack (PDF or Word) and ask questions about the material.
Every answer shows where in the documents it comes from, so you can check it yourself.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Everything stays on this computer.&lt;/b&gt; Documents and questions are not sent to the internet,
and the language model runs locally.&lt;/p&gt;
&lt;h3&gt;Guidelines for using AI&lt;/h3&gt;
</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="27"/>
        <source>AI understøtter arbejdet – den erstatter aldrig den politiske vurdering. Assistenten forklarer materialet og viser, hvor det står; den anbefaler ikke, hvordan du skal stemme. Læs altid efter i kilderne, og del ikke fortroligt materiale fra lukkede punkter.</source>
        <translation>AI supports the work – it never replaces political judgement. The assistant explains the material and shows where it says so; it does not recommend how you should vote. Always check the sources, and do not share confidential material from closed items.</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="33"/>
        <source>Du kan også trække PDF- eller Word-filer eller en hel mappe ind i vinduet.</source>
        <translation>You can also drag PDF or Word files, or a whole folder, into the window.</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="61"/>
        <source>Velkomst</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="65"/>
        <source>Prøv med demopakken</source>
        <translation>Try the demo pack</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="66"/>
        <source>Importér et rigtigt byrådsreferat og få et forslag til et spørgsmål</source>
        <translation>Import real city council minutes and get a suggested question</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="68"/>
        <source>Importér egne filer …</source>
        <translation>Import your own files …</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="68"/>
        <source>Importér egne filer</source>
        <translation>Import your own files</translation>
    </message>
    <message>
        <location filename="../welcome_page.py" line="77"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>WindowSettings</name>
    <message>
        <location filename="../window_settings.py" line="49"/>
        <source>Sprogmodellen skiftes, næste gang den startes.</source>
        <translation>The language model will change the next time it starts.</translation>
    </message>
</context>
</TS>
