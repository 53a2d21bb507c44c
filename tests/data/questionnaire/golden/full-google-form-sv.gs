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
      "id": "part1",
      "title": "Del 1 av 5",
      "rows": [
        "Jag vet vilka mål min arbetsplats ska nå i år.",
        "Arbetsfördelningen går att ändra när förutsättningarna ändras.",
        "Min närmaste chef ger mig stöd när jag behöver det.",
        "Jag har ett gott samarbete med min närmaste chef.",
        "Mitt arbete ger mig möjlighet att utvecklas.",
        "Jag har den information jag behöver för att göra mitt arbete.",
        "Min arbetsplats är öppen för nya arbetssätt."
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
      "id": "part2",
      "title": "Del 2 av 5",
      "rows": [
        "Målen för min enhet känns rimliga och värda att arbeta för.",
        "Det är tydligt vem som ansvarar för vad på min arbetsplats.",
        "Ledningen håller fast vid målen även när det blir svårt.",
        "Det finns någon på jobbet som jag kan vända mig till med problem i arbetet.",
        "Min lön står i rimlig proportion till mitt arbete och mitt ansvar.",
        "Våra IT-system och verktyg underlättar arbetet.",
        "Vi tar till oss nya idéer snabbt."
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
      "id": "part3",
      "title": "Del 3 av 5",
      "rows": [
        "Jag ser hur mitt arbete bidrar till kommunens vision och inriktningsmål.",
        "Sättet vi har organiserat arbetet på hjälper oss att nå våra mål.",
        "Min chef ger tydliga besked om vad som förväntas av mig.",
        "Vi i arbetsgruppen hjälper varandra.",
        "Den som gör ett bra arbete har möjlighet att få nya uppdrag eller avancera.",
        "Planering och uppföljning hjälper oss att förbättra verksamheten.",
        "Förändringar genomförs på ett genomtänkt sätt hos oss."
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
      "id": "part4",
      "title": "Del 4 av 5",
      "rows": [
        "När allt inte hinns med vet vi vad som ska prioriteras.",
        "Ärenden fastnar ofta mellan olika enheter eller roller.",
        "Ledningen ser till att olika delar av verksamheten drar åt samma håll.",
        "Samarbetet med de andra enheter vi är beroende av fungerar bra.",
        "Jag får uppskattning när jag gör ett bra jobb.",
        "Våra möten leder till beslut och handling.",
        "Jag ser gärna att mina arbetsuppgifter utvecklas och förändras."
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
      "id": "part5",
      "title": "Del 5 av 5",
      "rows": [
        "Vi medarbetare får vara med och forma vår enhets operativa mål.",
        "Min enhets organisation passar de uppgifter vi har.",
        "Jag förstår hur beslut som rör mitt arbete fattas.",
        "Konflikter på min arbetsplats får ligga kvar olösta.",
        "Det lönar sig inte att anstränga sig extra här.",
        "Rutiner och blanketter står ofta i vägen för arbetet.",
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
    if (s.choices) {
      form.addMultipleChoiceItem().setTitle(s.title).setChoiceValues(s.choices);
      return;
    }
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
