/* Creates the Google Form for the survey "sixbox-full" version 1.0, made by sixbox.
 * Open script.google.com, create a project, paste this file, choose the
 * function createSixboxForm and press Run; the log shows the form's links.
 * Do not rename the form's questions: the response export maps by them. */
var SIXBOX_FORM = {
  "title": "Organisationsdiagnos enligt sexboxmodellen",
  "description": "Ta ställning till varje påstående utifrån hur det är på din arbetsplats i dag. Dina svar är anonyma och redovisas bara för grupper med minst fem svarande.\n\nLäs varje påstående och markera det svar som bäst stämmer med hur du ser på din arbetsplats i dag. Det finns inga rätta eller felaktiga svar. Välj \"Vet ej\" om du inte kan ta ställning. Det tar ungefär 15 minuter.\n\nDina svar är konfidentiella. Inga resultat, diagram eller kommentarer redovisas för en grupp med färre än 5 svarande, och ingen enskild persons svar kan utläsas.",
  "unitQuestion": "Vilken enhet arbetar du på?",
  "unitHint": "Välj den enhet där du har din huvudsakliga anställning.",
  "units": [
    "Ekonomienheten",
    "HR-enheten",
    "Kommunikationsenheten",
    "Digitaliseringsenheten",
    "Förskoleområde Norr",
    "Förskoleområde Söder",
    "Centrumskolan",
    "Ekbackens skola",
    "Exempelstads gymnasium",
    "Individ- och familjeomsorgen",
    "Ekonomiskt bistånd",
    "Hemtjänst Norr",
    "Hemtjänst Söder",
    "Särskilt boende Björken",
    "LSS-verksamheten",
    "Bygglovsenheten",
    "Planenheten",
    "Gata och park",
    "Biblioteken",
    "Fritidsgårdarna",
    "Idrottsanläggningar",
    "Miljötillsyn",
    "Livsmedelskontroll",
    "Vatten och avlopp",
    "Fastighetsenheten",
    "Bostadsförvaltning",
    "Uthyrning och kundtjänst",
    "Elnät",
    "Fjärrvärme"
  ],
  "scales": [
    {
      "id": "purposes",
      "title": "Uppgift och mål",
      "rows": [
        "Jag vet vilka mål min arbetsplats ska nå i år.",
        "Målen för min enhet känns rimliga och värda att arbeta för.",
        "Jag ser hur mitt arbete bidrar till kommunens vision och inriktningsmål.",
        "När allt inte hinns med vet vi vad som ska prioriteras.",
        "Vi medarbetare får vara med och forma vår enhets operativa mål."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "structure",
      "title": "Struktur",
      "rows": [
        "Arbetsfördelningen går att ändra när förutsättningarna ändras.",
        "Det är tydligt vem som ansvarar för vad på min arbetsplats.",
        "Sättet vi har organiserat arbetet på hjälper oss att nå våra mål.",
        "Ärenden fastnar ofta mellan olika enheter eller roller.",
        "Min enhets organisation passar de uppgifter vi har."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "leadership",
      "title": "Ledning",
      "rows": [
        "Min närmaste chef ger mig stöd när jag behöver det.",
        "Ledningen håller fast vid målen även när det blir svårt.",
        "Min chef ger tydliga besked om vad som förväntas av mig.",
        "Ledningen ser till att olika delar av verksamheten drar åt samma håll.",
        "Jag förstår hur beslut som rör mitt arbete fattas."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "relationships",
      "title": "Människor och relationer",
      "rows": [
        "Jag har ett gott samarbete med min närmaste chef.",
        "Det finns någon på jobbet som jag kan vända mig till med problem i arbetet.",
        "Vi i arbetsgruppen hjälper varandra.",
        "Samarbetet med de andra enheter vi är beroende av fungerar bra.",
        "Konflikter på min arbetsplats får ligga kvar olösta."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "rewards",
      "title": "Belöningssystem",
      "rows": [
        "Mitt arbete ger mig möjlighet att utvecklas.",
        "Min lön står i rimlig proportion till mitt arbete och mitt ansvar.",
        "Den som gör ett bra arbete har möjlighet att få nya uppdrag eller avancera.",
        "Jag får uppskattning när jag gör ett bra jobb.",
        "Det lönar sig inte att anstränga sig extra här."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "helpful-mechanisms",
      "title": "Hjälpmedel och metoder",
      "rows": [
        "Jag har den information jag behöver för att göra mitt arbete.",
        "Våra IT-system och verktyg underlättar arbetet.",
        "Planering och uppföljning hjälper oss att förbättra verksamheten.",
        "Våra möten leder till beslut och handling.",
        "Rutiner och blanketter står ofta i vägen för arbetet."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    },
    {
      "id": "attitude-to-change",
      "title": "Inställning till förändring",
      "rows": [
        "Min arbetsplats är öppen för nya arbetssätt.",
        "Vi tar till oss nya idéer snabbt.",
        "Förändringar genomförs på ett genomtänkt sätt hos oss.",
        "Jag ser gärna att mina arbetsuppgifter utvecklas och förändras.",
        "Vår organisation klarar av att ställa om när det behövs."
      ],
      "columns": [
        "Instämmer inte alls",
        "Instämmer inte",
        "Instämmer delvis inte",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer",
        "Instämmer helt",
        "Vet ej"
      ]
    }
  ],
  "freeText": [
    "Vad fungerar bäst på din arbetsplats i dag?",
    "Vad skulle du vilja förändra först, och varför?"
  ],
  "commentsHint": "Skriv inte namn eller andra uppgifter som kan identifiera dig eller någon annan.",
  "thanks": "Tack för dina svar!"
};

function createSixboxForm() {
  var d = SIXBOX_FORM;
  var form = FormApp.create(d.title);
  form.setDescription(d.description);
  form.setCollectEmail(false);
  form.setLimitOneResponsePerUser(false);
  form.setProgressBar(true);
  form.setConfirmationMessage(d.thanks);
  if (d.units.length > 0) {
    form.addListItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)
        .setChoiceValues(d.units).setRequired(true);
  } else {
    form.addTextItem().setTitle(d.unitQuestion).setHelpText(d.unitHint)
        .setRequired(true);
  }
  d.scales.forEach(function (s) {
    form.addPageBreakItem();
    form.addGridItem().setTitle(s.title).setRows(s.rows).setColumns(s.columns);
  });
  if (d.freeText.length > 0) form.addPageBreakItem().setHelpText(d.commentsHint);
  d.freeText.forEach(function (t) {
    form.addParagraphTextItem().setTitle(t);
  });
  Logger.log('Form for respondents: ' + form.getPublishedUrl());
  Logger.log('Edit the form: ' + form.getEditUrl());
}
