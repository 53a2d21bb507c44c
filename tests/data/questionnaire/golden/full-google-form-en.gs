/* Creates the Google Form for the survey "sixbox-full" version 1.0, made by sixbox.
 * Open script.google.com, create a project, paste this file, choose the
 * function createSixboxForm and press Run; the log shows the form's links.
 * Do not rename the form's questions: the response export maps by them. */
var SIXBOX_FORM = {
  "title": "Organisational diagnosis with the Six-box model",
  "description": "Say how far you agree with each statement as things are at your workplace today. Your answers are anonymous and are only reported for groups of at least five respondents.\n\nRead each statement and mark the answer that best matches how you see your workplace today. There are no right or wrong answers. Choose \"Don't know\" if you cannot say. It takes about 15 minutes.\n\nYour answers are confidential. No results, charts or comments are shown for a group of fewer than 5 respondents, and no individual's answers can be told.",
  "unitQuestion": "Which unit do you work in?",
  "unitHint": "Choose the unit where you mainly work.",
  "units": [
    "Finance Unit",
    "HR Unit",
    "Communications Unit",
    "Digital Services Unit",
    "Preschools North",
    "Preschools South",
    "Centrum School",
    "Ekbacken School",
    "Exempelstad Upper Secondary School",
    "Individual and Family Care",
    "Financial Assistance",
    "Home Care North",
    "Home Care South",
    "Björken Care Home",
    "Disability Support Services",
    "Building Permits Unit",
    "Planning Unit",
    "Streets and Parks",
    "Libraries",
    "Youth Centres",
    "Sports Facilities",
    "Environmental Inspection",
    "Food Control",
    "Water and Sewerage",
    "Property Unit",
    "Property Management",
    "Letting and Customer Service",
    "Electricity Network",
    "District Heating"
  ],
  "scales": [
    {
      "id": "part1",
      "title": "Part 1 of 5",
      "rows": [
        "I know which goals my workplace is to reach this year.",
        "The division of work can be changed when circumstances change.",
        "My immediate manager supports me when I need it.",
        "I work well together with my immediate manager.",
        "My work gives me the chance to develop.",
        "I have the information I need to do my work.",
        "My workplace is open to new ways of working."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "part2",
      "title": "Part 2 of 5",
      "rows": [
        "The goals of my unit feel reasonable and worth working for.",
        "It is clear who is responsible for what at my workplace.",
        "Management holds on to the goals even when things get difficult.",
        "There is someone at work I can turn to with problems in my work.",
        "My pay is in reasonable proportion to my work and responsibility.",
        "Our IT systems and tools make the work easier.",
        "We take up new ideas quickly."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "part3",
      "title": "Part 3 of 5",
      "rows": [
        "I can see how my work contributes to the municipality's vision and strategic goals.",
        "The way our work is organised helps us reach our goals.",
        "My manager makes clear what is expected of me.",
        "We in the work group help one another.",
        "Those who do good work have a chance of new assignments or promotion.",
        "Planning and follow-up help us improve our work.",
        "Changes are carried out in a considered way here."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "part4",
      "title": "Part 4 of 5",
      "rows": [
        "When not everything can be done, we know what comes first.",
        "Matters often get stuck between units or roles.",
        "Management makes sure the different parts of the organisation pull in the same direction.",
        "Cooperation with the other units we depend on works well.",
        "I am appreciated when I do a good job.",
        "Our meetings lead to decisions and action.",
        "I welcome my tasks developing and changing."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    },
    {
      "id": "part5",
      "title": "Part 5 of 5",
      "rows": [
        "We staff take part in shaping our unit's operative goals.",
        "My unit's organisation fits the tasks we have.",
        "I understand how decisions about my work are made.",
        "Conflicts at my workplace are left unresolved.",
        "It does not pay to make an extra effort here.",
        "Routines and forms often get in the way of the work.",
        "Our organisation is able to adapt when it needs to."
      ],
      "columns": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Don't know"
      ]
    }
  ],
  "freeText": [
    "What works best at your workplace today?",
    "What would you change first, and why?"
  ],
  "commentsHint": "Do not write names or other details that could identify you or anyone else.",
  "thanks": "Thank you for your answers!"
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
